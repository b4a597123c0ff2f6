import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const worker = fileURLToPath(new URL('./openWorker.ts', import.meta.url));

/**
 * Starts `count` processes that open the same new database (a SQLite path or a PostgreSQL URL) at
 * the same moment, 1.5 s from now, as bot processes starting together do; returns what each said.
 */
export function openTogether(location: string, count = 4): Promise<string[]> {
  const at = String(Date.now() + 1500);
  return Promise.all(
    Array.from({ length: count }, async () => {
      const child = spawn(process.execPath, ['--import', 'tsx', worker, location, at]);
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
      });
      await new Promise((resolve) => child.once('exit', resolve));
      return out.trim();
    }),
  );
}
