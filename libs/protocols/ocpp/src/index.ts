// @voltlane/protocols-ocpp: OCPP-J framing, official JSON schemas (from ocpp-rpc) and validation,
// CALLERROR codes per version, OCPP 1.6 message types.
// Pure TypeScript (Nx type:protocol): no Nest, kafkajs, TypeORM or pg imports.
export * from './rpc-error-codes';
export * from './rpc-frame';
export * from './schema-validator';
export * from './protocol-versions';
export * from './ocpp16-messages';
