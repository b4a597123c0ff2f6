import { archiveArticle, listArchived, restoreArticle } from './corpus/archive.js';
import type { EngineStore, RefreshOptions, RefreshReport } from './engineStore.js';
import { addArticleFromUrl } from './ingest/addArticle.js';
import { count } from './text/plural.js';

/** What a moderator's change to the corpus did: the change itself and the refresh that applied it. */
export interface CorpusChange {
  readonly summary: string;
  readonly report: RefreshReport;
}

// One change to the corpus folder at a time: two adds of the same URL must not both pass the
// duplicate check, and a remove must not race an add.
let queue: Promise<unknown> = Promise.resolve();
function oneAtATime<T>(change: () => Promise<T>): Promise<T> {
  const run = queue.then(change);
  queue = run.catch(() => undefined);
  return run;
}

/** Fetches a news page, adds it as an article file, and refreshes so it is answered from at once. */
export function addFromUrl(
  store: EngineStore,
  url: string,
  options: { allowPrivateAddresses: boolean } & RefreshOptions,
): Promise<CorpusChange> {
  return oneAtATime(async () => {
    const added = await addArticleFromUrl(store.corpusDir, url, {
      allowPrivateAddresses: options.allowPrivateAddresses,
    });
    const report = await store.refresh(options);
    return {
      summary: `Added “${added.title}” (${count(added.paragraphs, 'paragraph')}) as ${added.file}.`,
      report,
    };
  });
}

/** Moves an article to the archive (nothing is deleted) and refreshes. */
export function removeArticle(
  store: EngineStore,
  id: string,
  options: RefreshOptions = {},
): Promise<CorpusChange> {
  return oneAtATime(async () => {
    const title = store.engine.corpus.articles.find((article) => article.id === id)?.title ?? id;
    await archiveArticle(store.corpusDir, id);
    return {
      summary: `Archived “${title}”; /library restore brings it back.`,
      report: await store.refresh(options),
    };
  });
}

/** Brings an archived article back and refreshes. */
export function restoreArchived(
  store: EngineStore,
  id: string,
  options: RefreshOptions = {},
): Promise<CorpusChange> {
  return oneAtATime(async () => {
    await restoreArticle(store.corpusDir, id);
    return { summary: `Restored ${id}.`, report: await store.refresh(options) };
  });
}

export { listArchived };
