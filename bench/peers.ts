import lunr from 'lunr';
import MiniSearch from 'minisearch';
import type { Article } from '../src/corpus/article.js';
import type { RetrievedPassage, Retriever } from '../src/eval/retriever.js';
import { articleSentences, type Chunk, chunkArticle, type Sentence } from '../src/search/chunk.js';

/**
 * The peers Excerpt is measured against. Both index exactly the windows Excerpt's index holds
 * (`SearchIndex.chunks`: overlapping 3-sentence windows, same splitter) with their default options,
 * and return whole windows, best first.
 */
export type PeerName = 'minisearch' | 'lunr';

/** Sentences and windows per article, as `SearchIndex` makes them (same functions, same defaults). */
export interface Windows {
  readonly sentences: ReadonlyMap<string, readonly Sentence[]>;
  readonly chunks: readonly Chunk[];
}

export function makeWindows(articles: readonly Article[]): Windows {
  const sentences = new Map<string, Sentence[]>();
  const chunks: Chunk[] = [];
  for (const article of articles) {
    const list = articleSentences(article);
    sentences.set(article.id, list);
    chunks.push(...chunkArticle(article.id, list, chunks.length));
  }
  return { sentences, chunks };
}

/** A built peer index: window ids for a question, best first. */
export interface PeerIndex {
  search(question: string): number[];
}

/** Plain MiniSearch, default options, over the window text. */
export function buildMiniSearch(chunks: readonly Chunk[]): PeerIndex {
  const miniSearch = new MiniSearch<{ id: number; text: string }>({ fields: ['text'] });
  miniSearch.addAll(chunks.map((chunk) => ({ id: chunk.id, text: chunk.text })));
  return { search: (question) => miniSearch.search(question).map((result) => result.id as number) };
}

/**
 * lunr with its default pipeline (trimmer, English stop words, Porter stemmer). Questions go in as
 * lunr's own tokens rather than through its query parser, whose syntax (`:`, `~`, `^`, `+`, `-`, `*`)
 * would reject or reinterpret ordinary questions.
 */
export function buildLunr(chunks: readonly Chunk[]): PeerIndex {
  const index = lunr(function () {
    this.ref('id');
    this.field('text');
    for (const chunk of chunks) this.add({ id: String(chunk.id), text: chunk.text });
  });
  return {
    search: (question) =>
      index.query((query) => query.term(lunr.tokenizer(question), {})).map((result) => Number(result.ref)),
  };
}

export function buildPeer(name: PeerName, chunks: readonly Chunk[]): PeerIndex {
  return name === 'minisearch' ? buildMiniSearch(chunks) : buildLunr(chunks);
}

/** A window of an article's sentences as the evaluation sees it: where it is and what it says. */
export function windowPassage(
  articleId: string,
  run: readonly Sentence[],
  text = run.map((sentence) => sentence.text).join(' '),
): RetrievedPassage {
  return { articleId, paragraphs: [...new Set(run.map((sentence) => sentence.paragraph))], text };
}

/** A peer as the evaluation sees it: the top k windows as passages, never abstaining when something matches. */
export function peerRetriever(index: PeerIndex, windows: Windows): Retriever {
  const passage = (chunk: Chunk): RetrievedPassage =>
    windowPassage(
      chunk.articleId,
      windows.sentences.get(chunk.articleId)?.slice(chunk.first, chunk.last + 1) ?? [],
      chunk.text,
    );
  return (question, k) => {
    const passages = index
      .search(question)
      .slice(0, k)
      .flatMap((id) => {
        const chunk = windows.chunks[id];
        return chunk ? [passage(chunk)] : [];
      });
    return { answered: passages.length > 0, passages };
  };
}
