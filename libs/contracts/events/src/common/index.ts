// Building blocks shared by the event data classes (validators, value classes, protocol enums).
export * from './validators';
export * from './price';
export * from './ocpi-enums';
export * from './ocpp-enums';
export * from './ocpp-sampled-value';
