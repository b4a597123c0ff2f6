import { fileURLToPath } from 'node:url';
import { runJsonWorker } from './jsonWorker.js';
import type { LibrariesFigures, LibrariesTask } from './librariesWorker.js';

const WORKER = fileURLToPath(new URL('./librariesWorker.ts', import.meta.url));

/** A task's settings (each run sets its own kind), plus how large to make the add case. */
export interface LibrariesBenchOptions extends Omit<LibrariesTask, 'kind'> {
  /** Shared articles when one is added to a server (issue 12: 10,000). */
  readonly addShared: number;
  readonly log: (line: string) => void;
}

export interface LibrariesResult {
  readonly settings: Omit<LibrariesBenchOptions, 'log' | 'questionPaths' | 'seedDir' | 'xquad'>;
  readonly add: LibrariesFigures;
  readonly servers: LibrariesFigures;
  readonly single: LibrariesFigures;
}

function runTask(task: LibrariesTask): Promise<LibrariesFigures> {
  return runJsonWorker<LibrariesFigures>(WORKER, task, `libraries ${task.kind}`);
}

/**
 * Server libraries beside one index of the same articles, each in a fresh process: adding an article
 * to a server over a large shared library; many servers with their own articles (answer latency on
 * random servers, memory, XQuAD quality, the first answer after a server's library was dropped);
 * and the same articles in one index, as the bot held them before.
 */
export async function runLibrariesBench(options: LibrariesBenchOptions): Promise<LibrariesResult> {
  const { log, questionPaths, seedDir, xquad, ...settings } = options;
  const base = { samples: options.samples, seedDir, xquad, questionPaths, perServer: options.perServer };
  log(`libraries: adding to a server over ${options.addShared} shared articles`);
  const add = await runTask({ ...base, kind: 'add', shared: options.addShared, servers: 12 });
  const many = { ...base, shared: options.shared, servers: options.servers };
  log(`libraries: ${options.servers} servers × ${options.perServer} own + ${options.shared} shared`);
  const servers = await runTask({ ...many, kind: 'servers' });
  log(`libraries: the same ${options.shared + options.servers * options.perServer} articles in one index`);
  const single = await runTask({ ...many, kind: 'single' });
  return { settings, add, servers, single };
}
