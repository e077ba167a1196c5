import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { join } from 'node:path';

/**
 * Loaded into the gateway with `NODE_OPTIONS=--require <this file>` (Node refuses `--cpu-prof` in
 * NODE_OPTIONS) when the benchmark runs with BENCH_GATEWAY_PROFILE_DIR. SIGUSR2 starts sampling the
 * gateway's CPU, the next SIGUSR2 writes `<dir>/ocpp-gateway-<pid>.cpuprofile` — so the profile
 * covers the measured MeterValues window only (Chrome DevTools format; summarize it with
 * `node dist/bench/ocpp-gateway/profile-summary.js <file>`).
 */
const target = process.env.BENCH_GATEWAY_PROFILE_DIR;
if (target) {
  const inspector = new Session();
  inspector.connect();
  inspector.post('Profiler.enable');
  inspector.post('Profiler.setSamplingInterval', { interval: 500 });
  let sampling = false;
  process.on('SIGUSR2', () => {
    if (!sampling) {
      inspector.post('Profiler.start');
      sampling = true;
      return;
    }
    sampling = false;
    inspector.post('Profiler.stop', (err, result) => {
      if (err) return;
      const file = join(target, `ocpp-gateway-${process.pid}.cpuprofile`);
      writeFileSync(file, JSON.stringify(result.profile));
    });
  });
}
