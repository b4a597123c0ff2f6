import { type FSWatcher, watch } from 'node:fs';
import { FURNITURE_RULES_FILE } from './corpus/furnitureRules.js';
import { SYNONYMS_FILE } from './corpus/synonyms.js';
import type { EngineStore, RefreshReport } from './engineStore.js';
import type { Logger } from './logger.js';

const DEBOUNCE_MS = 1000;

/**
 * Watches the corpus folder and refreshes, debounced, when an article or rule file changes. Refreshes
 * go through the store like a moderator's, so a broken file keeps the current index and is logged.
 */
export function watchCorpus(
  store: EngineStore,
  logger: Logger,
  onRefresh?: (report: RefreshReport) => void,
): FSWatcher {
  const log = logger.child({ module: 'corpus-watch' });
  let timer: NodeJS.Timeout | undefined;
  const relevant = (name: string | null) =>
    name === null || name.endsWith('.md') || name === FURNITURE_RULES_FILE || name === SYNONYMS_FILE;
  const watcher = watch(store.corpusDir, (_event, name) => {
    if (!relevant(name)) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      log.info({ file: name }, 'Corpus folder changed: refreshing');
      store
        .refresh()
        .then((report) => {
          const problems = report.problems.map((p) => `${p.file}:${p.line}: ${p.message}`);
          log.info(
            {
              status: report.status,
              added: report.added,
              changed: report.changed,
              removed: report.removed,
              problems,
            },
            'Corpus refreshed by watcher',
          );
          onRefresh?.(report);
        })
        .catch((err: unknown) => log.error({ err }, 'Watched refresh failed'));
    }, DEBOUNCE_MS);
  });
  watcher.on('error', (err) => log.error({ err }, 'Corpus watcher failed'));
  return watcher;
}
