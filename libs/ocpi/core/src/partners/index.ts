export * from './ocpi-core-tables.sql';
export * from './partner.model';
export * from './partner.repository';
export * from './partner-directory';
