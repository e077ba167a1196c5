// Type-only, erased at run time, so the alias is fine here (unlike in global-setup.ts).
import type { Infrastructure } from '@voltlane/infra';

/**
 * The infrastructure started by the Jest global setup, kept on globalThis of Jest's main process
 * (global setup and teardown run there; workers only see the environment variables). Jest runs the
 * global setup once per selected project (`int`, `e2e`), so it is reference-counted: the first
 * setup provisions, the last teardown stops.
 */
export interface JestInfrastructureState {
  infra: Infrastructure;
  users: number;
}

const KEY = '__voltlaneJestInfrastructure__';

export function getJestInfrastructure(): JestInfrastructureState | undefined {
  return (globalThis as Record<string, unknown>)[KEY] as JestInfrastructureState | undefined;
}

export function setJestInfrastructure(state: JestInfrastructureState | undefined): void {
  (globalThis as Record<string, unknown>)[KEY] = state;
}
