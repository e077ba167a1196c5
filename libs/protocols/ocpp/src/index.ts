// @voltlane/protocols-ocpp: OCPP-J framing, official 1.6 JSON schemas (from ocpp-rpc) and validation, action types.
// Pure TypeScript (Nx type:protocol): no Nest, kafkajs, TypeORM or pg imports.
export {};
