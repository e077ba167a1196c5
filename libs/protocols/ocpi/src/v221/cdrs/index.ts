export * from './cdr.types';
