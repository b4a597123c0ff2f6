import { runInSlices } from './cooperative.js';
import { type Corpus, parseCorpusInSlices, readBefore, withParses } from './corpus/loadCorpus.js';
import { corpusStamp, readCorpusFiles } from './corpus/readCorpusFiles.js';
import { analyseQuotesSteps, QuoteIndex } from './quotes/quoteIndex.js';
import { keepAnalysesSteps } from './search/indexParts.js';
import { SearchIndex } from './search/searchIndex.js';
import {
  loadSnapshot,
  removeStaleTemporaryFiles,
  restampSnapshot,
  saveSnapshot,
  snapshotPath,
} from './snapshot.js';
import { readSnapshotFile } from './snapshotFile.js';

/** A loaded corpus and the index built from it: everything needed to answer. */
export interface Engine {
  readonly corpus: Corpus;
  readonly index: SearchIndex;
  /** Every quotation, attributed, for /quote. */
  readonly quotes: QuoteIndex;
  /** When the index was built (for a snapshot: when the snapshot was built). */
  readonly builtAt: Date;
  /** How long this engine took to get ready: building, or loading the snapshot. */
  readonly buildMs: number;
  readonly source: 'built' | 'snapshot';
}

export interface BuildOptions {
  /** Reuse the saved index when the corpus files are unchanged, and save a fresh one after building. */
  readonly snapshot?: boolean;
  /** Progress of the slow part, splitting articles into sentences and analysing them. */
  readonly onProgress?: (done: number, total: number) => void;
  /** A snapshot that cannot be written is not fatal: the engine still serves. */
  readonly onSnapshotError?: (error: unknown) => void;
  /** The engine serving now: what is unchanged since it was built is reused, not redone. */
  readonly previous?: Engine;
}

/**
 * Makes the next refresh of an engine restored from a snapshot as quick as one of an engine built
 * here: the snapshot holds the index and the finished quotes, not each article's analyses, so
 * without this the first refresh after a start parses and analyses every article again (30 s at
 * 10,000 articles). The files are read again and, when they are still the ones the snapshot was built from,
 * each file's parse is its restored article; the sentence analyses are read back from the index; the
 * quotations are analysed again. All in slices, so that answers keep being served meanwhile. Returns
 * the same engine with what a refresh reuses (the corpus's parses), or the engine as it was when its
 * files have changed since (the refresh then does the work).
 */
export async function prepareForRefresh(corpusDir: string, engine: Engine): Promise<Engine> {
  if (engine.corpus.parsed) return engine;
  const corpus = withParses(engine.corpus, await readCorpusFiles(corpusDir));
  if (!corpus) return engine;
  await runInSlices(keepAnalysesSteps(engine.index));
  await runInSlices(analyseQuotesSteps(corpus.articles));
  return { ...engine, corpus };
}

/** Loads the corpus folder and builds its index (or loads its snapshot). Problems are in `corpus.problems`. */
export async function buildEngine(corpusDir: string, options: BuildOptions = {}): Promise<Engine> {
  const started = performance.now();
  // Read (in another thread when large) while the folder is stamped and the caller goes on.
  let prefetched = options.snapshot ? readSnapshotFile(snapshotPath(corpusDir)) : undefined;
  // Read or not, never an unhandled rejection (a missing file is loadSnapshot's answer to give).
  prefetched?.catch(() => undefined);
  if (options.snapshot) {
    await removeStaleTemporaryFiles(corpusDir);
    // Unchanged files (by their metadata) need not even be read.
    const saved = await loadSnapshot(corpusDir, { stamp: await corpusStamp(corpusDir) }, prefetched);
    if ('engine' in saved) return { ...saved.engine, buildMs: performance.now() - started };
  }
  const files = await readCorpusFiles(corpusDir, readBefore(options.previous?.corpus));
  if (options.snapshot) {
    // Touched but not changed (a fresh clone, a copy): the same bytes still match the snapshot.
    const saved = await loadSnapshot(corpusDir, { fingerprint: files.fingerprint }, prefetched);
    // Not kept through a rebuild of minutes: the file's bytes are not used again.
    prefetched = undefined;
    if ('engine' in saved) {
      await restampSnapshot(corpusDir, files.stamp).catch((error: unknown) =>
        options.onSnapshotError?.(error),
      );
      return {
        ...saved.engine,
        corpus: { ...saved.engine.corpus, stamp: files.stamp },
        buildMs: performance.now() - started,
      };
    }
  }
  const { previous } = options;
  // The same bytes and rules make the same engine: a refresh that finds nothing changed keeps it.
  if (previous && previous.corpus.fingerprint === files.fingerprint)
    return {
      ...previous,
      corpus: { ...previous.corpus, stamp: files.stamp },
      buildMs: performance.now() - started,
    };
  const corpus = await parseCorpusInSlices(files, previous?.corpus);
  // Built in slices so that a bot refreshing its corpus keeps answering meanwhile.
  const index = await SearchIndex.create(corpus.articles, {
    synonyms: corpus.synonyms,
    ...(previous ? { previous: previous.index.reusableTerms() } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  const quotes = await QuoteIndex.create(corpus.articles);
  const engine: Engine = {
    corpus,
    index,
    quotes,
    builtAt: new Date(),
    buildMs: performance.now() - started,
    source: 'built',
  };
  if (options.snapshot)
    await saveSnapshot(corpusDir, engine).catch((error: unknown) => options.onSnapshotError?.(error));
  return engine;
}
