// Kills a process that changes a server library as fast as it can, at many moments, and checks that
// the audit trail, replayed, gives exactly the state stored: on SQLite and on PostgreSQL.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { LibraryStore } from '../../src/store/libraryStore.js';
import { REPO_DIR } from '../runCli.js';
import { GUILD } from './storeContract.js';

// Through the bundle launcher, as the npm scripts run (see nodeArgsFor): a start in a tenth of tsx's time.
const worker = [join(REPO_DIR, 'src/cli/runBundled.mjs'), 'test/store/crashWorker.ts'];

/** Starts the worker on `location` (a SQLite path or a PostgreSQL URL) and kills it after `afterMs`. */
function runAndKill(location: string, afterMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    // One process: the launcher imports the bundle itself (a wrapper's child would outlive the kill).
    const child = spawn(process.execPath, [...worker, location], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    child.stdout.once('data', () => setTimeout(() => child.kill('SIGKILL'), afterMs));
    child.once('error', reject);
    child.once('exit', (_code, signal) =>
      signal === 'SIGKILL' ? resolve() : reject(new Error(`worker exited without being killed (${signal})`)),
    );
  });
}

/** Twelve moments: on SQLite, with each change split over two transactions instead of one, this fails. */
export const KILL_MOMENTS_MS = [50, 61, 73, 89, 97, 120, 131, 151, 173, 200, 233, 310] as const;

export async function killRepeatedly(
  location: string,
  moments: readonly number[] = KILL_MOMENTS_MS,
): Promise<void> {
  for (const afterMs of moments) await runAndKill(location, afterMs);
}

/** Every change has its entry in the trail and every entry its change. */
export async function expectTrailToMatchState(store: LibraryStore): Promise<void> {
  const trail = (await store.history(GUILD, { limit: 1_000_000 })).reverse();
  expect(trail.length).toBeGreaterThan(20); // the worker did get work done between kills
  const archived = new Map<string, boolean>();
  const hidden = new Set<string>();
  for (const entry of trail) {
    const id = entry.articleId ?? '';
    if (entry.action === 'add') archived.set(id, false);
    if (entry.action === 'remove') archived.set(id, true);
    if (entry.action === 'restore') archived.set(id, false);
    if (entry.action === 'hide') hidden.add(id);
    if (entry.action === 'unhide') hidden.delete(id);
  }
  const ids = async (which: 'active' | 'archived') =>
    (await store.articles(GUILD, which)).map((entry) => entry.articleId).sort();
  const expected = (gone: boolean) =>
    [...archived]
      .filter(([, isGone]) => isGone === gone)
      .map(([id]) => id)
      .sort();
  expect(await ids('active')).toEqual(expected(false));
  expect(await ids('archived')).toEqual(expected(true));
  expect([...(await store.hidden(GUILD))].sort()).toEqual([...hidden].sort());
}
