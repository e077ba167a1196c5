import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { join } from 'node:path';

/**
 * Preload (`node --require`) that CPU-profiles the whole process and writes
 * `<BENCH_CPU_PROFILE_DIR>/<pid>.cpuprofile` (Chrome DevTools format) when it exits.
 * Node 20 refuses `--cpu-prof` in NODE_OPTIONS, which is how the benchmark reaches the
 * session-engine processes it spawns; `--require` is allowed. Sampling every 200 µs.
 */
const dir = process.env.BENCH_CPU_PROFILE_DIR;
if (dir) {
  const session = new Session();
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.setSamplingInterval', { interval: 200 });
  session.post('Profiler.start');
  // The same-thread inspector session answers synchronously, so this works in an exit handler.
  process.on('exit', () => {
    session.post('Profiler.stop', (error, result) => {
      if (error) return;
      writeFileSync(join(dir, `${process.pid}.cpuprofile`), JSON.stringify(result.profile));
    });
  });
}
