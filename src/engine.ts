import { type Corpus, parseCorpusInSlices, readBefore } from './corpus/loadCorpus.js';
import { corpusStamp, readCorpusFiles } from './corpus/readCorpusFiles.js';
import { QuoteIndex } from './quotes/quoteIndex.js';
import { SearchIndex } from './search/searchIndex.js';
import { loadSnapshot, removeStaleTemporaryFiles, restampSnapshot, saveSnapshot } from './snapshot.js';

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

/** Loads the corpus folder and builds its index (or loads its snapshot). Problems are in `corpus.problems`. */
export async function buildEngine(corpusDir: string, options: BuildOptions = {}): Promise<Engine> {
  const started = performance.now();
  if (options.snapshot) {
    await removeStaleTemporaryFiles(corpusDir);
    // Unchanged files (by their metadata) need not even be read.
    const saved = await loadSnapshot(corpusDir, { stamp: await corpusStamp(corpusDir) });
    if ('engine' in saved) return { ...saved.engine, buildMs: performance.now() - started };
  }
  const files = await readCorpusFiles(corpusDir, readBefore(options.previous?.corpus));
  if (options.snapshot) {
    // Touched but not changed (a fresh clone, a copy): the same bytes still match the snapshot.
    const saved = await loadSnapshot(corpusDir, { fingerprint: files.fingerprint });
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
