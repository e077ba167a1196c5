export * from './ocpi-http';
export * from './ocpi.client';
