export * from './ocpi-party.options';
