/**
 * Loaded into the API with `--require` (BENCH_API_NODE_OPTIONS, see docs/PERFORMANCE.md): samples
 * its CPU with the inspector and writes `api-<pid>.cpuprofile` into BENCH_PROFILE_DIR when it is
 * stopped. `node --cpu-prof` writes only on a normal exit, and the API ends on SIGTERM.
 */
import { Session } from 'node:inspector';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const session = new Session();
session.connect();
session.post('Profiler.enable');
session.post('Profiler.start');
let written = false;
const write = (): void => {
  if (written) return;
  written = true;
  // A session of the same thread answers synchronously, before the signal's other listeners run.
  session.post('Profiler.stop', (error, result) => {
    if (error) return;
    const file = join(process.env.BENCH_PROFILE_DIR ?? '.', `api-${process.pid}.cpuprofile`);
    writeFileSync(file, JSON.stringify(result.profile));
  });
};
process.prependListener('SIGTERM', write);
process.on('exit', write);
