import { type Corpus, loadCorpus } from './corpus/loadCorpus.js';
import { SearchIndex } from './search/searchIndex.js';

/** A loaded corpus and the index built from it: everything needed to answer. */
export interface Engine {
  readonly corpus: Corpus;
  readonly index: SearchIndex;
  /** When the index was built. */
  readonly builtAt: Date;
  readonly buildMs: number;
}

/** Loads the corpus folder and builds its index. Problems in files are in `corpus.problems`. */
export async function buildEngine(corpusDir: string): Promise<Engine> {
  const started = performance.now();
  const corpus = await loadCorpus(corpusDir);
  const index = new SearchIndex(corpus.articles, { synonyms: corpus.synonyms });
  return { corpus, index, builtAt: new Date(), buildMs: performance.now() - started };
}
