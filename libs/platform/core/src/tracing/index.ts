export * from './trace.propagation';
export * from './tracing.sdk';
export * from './traced-fetch';
