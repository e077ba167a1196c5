export * from './ocpi-status-codes';
export * from './ocpi-date-time';
export * from './ocpi-response';
export * from './ocpi-authorization';
export * from './ocpi-pagination';
