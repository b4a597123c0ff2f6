import { join } from 'node:path';
import lockfile from 'proper-lockfile';

/** The lock beside the articles: a directory (mkdir is atomic across processes), kept fresh while held. */
export const CORPUS_LOCK = '.excerpt.lock';

/** Another process (the bot, or a second `npm run corpus`) is changing the corpus and did not finish in time. */
export class CorpusBusyError extends Error {
  override readonly name = 'CorpusBusyError';
}

// A change waits this long for another to finish (an add fetches a page: up to about 15 s); a lock
// left by a killed process is taken over once it is this old (the holder refreshes it every 5 s).
const WAIT = { retries: 30, minTimeout: 200, maxTimeout: 1_000, factor: 1.5 };
const STALE_MS = 20_000;

/**
 * Runs a change to the corpus folder while holding its lock, so that two processes never both pass
 * the duplicate check of an add, or move the same file. Within one process changes queue anyway
 * (see corpusAdmin.ts); the lock is for the CLI and the bot, or two CLIs, at once.
 */
export async function withCorpusLock<T>(corpusDir: string, change: () => Promise<T>): Promise<T> {
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(corpusDir, {
      lockfilePath: join(corpusDir, CORPUS_LOCK),
      retries: WAIT,
      stale: STALE_MS,
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') throw error;
    throw new CorpusBusyError(
      `Another change to the corpus is still running (it holds ${CORPUS_LOCK}): try again in a moment.`,
    );
  }
  try {
    return await change();
  } finally {
    await release().catch(() => undefined); // already released as stale: nothing to give back
  }
}
