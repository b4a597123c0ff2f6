import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { REPO_DIR } from '../runCli.js';

// Through the bundle launcher, as the npm scripts run (see nodeArgsFor): a start in a tenth of tsx's time.
const worker = [join(REPO_DIR, 'src/cli/runBundled.mjs'), 'test/store/openWorker.ts'];

/**
 * Starts `count` processes that open the same new database (a SQLite path or a PostgreSQL URL) at
 * the same moment, 1.5 s from now, as bot processes starting together do; returns what each said.
 */
export function openTogether(location: string, count = 4): Promise<string[]> {
  const at = String(Date.now() + 1500);
  return Promise.all(
    Array.from({ length: count }, async () => {
      const child = spawn(process.execPath, [...worker, location, at]);
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
      });
      await new Promise((resolve) => child.once('exit', resolve));
      return out.trim();
    }),
  );
}
