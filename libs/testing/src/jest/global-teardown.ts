import { getJestInfrastructure, setJestInfrastructure } from './infrastructure.state';

/** Jest global teardown: stops what the global setup started (after the last project using it). */
export default async function globalTeardown(): Promise<void> {
  const state = getJestInfrastructure();
  if (!state) return;
  state.users -= 1;
  if (state.users > 0) return;
  setJestInfrastructure(undefined);
  await state.infra.stop();
}
