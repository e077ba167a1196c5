// @voltlane/protocols-ocpi: OCPI 2.2.1 objects (tariffs, sessions, CDRs, locations, tokens, credentials) as class-validator DTOs with spec field names, status codes, response envelope.
// Pure TypeScript (Nx type:protocol): no Nest, kafkajs, TypeORM or pg imports.
export {};
export * from './v221/sessions';
export * from './v221/common';
export * from './v221/tariffs';
export * from './transport';
export * from './v221/cdrs';
export * from './v221/versions';
export * from './v221/credentials';
export * from './v221/locations';
export * from './v221/tokens';
export * from './v221/commands';
export * from './v221/chargingprofiles';
export * from './v221/hubclientinfo';
