// OCPI 2.2.1 party plumbing shared by ocpi-cpo and ocpi-emsp: partner registry, credentials and
// versions, Token authentication, the response envelope, the outbound client and push delivery.
export * from './party';
export * from './partners';
export * from './auth';
export * from './transport';
export * from './client';
export * from './versions';
export * from './credentials';
export * from './admin';
export * from './ocpi-core.module';
export * from './push';
