// @voltlane/testing: helpers for *.spec.ts files and benchmarks only (ESLint forbids it elsewhere).
export * from './probe/probe.schema';
export * from './probe/probe.process';
export * from './backbone/wait-for';
export * from './repo-root';
export * from './platform/service.process';
export * from './ocpi/ocpi-service.process';
export * from './ocpi/scripted-ocpi-peer';
