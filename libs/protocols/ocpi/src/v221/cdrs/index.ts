export * from './cdr.types';
export * from './cdr.dto';
