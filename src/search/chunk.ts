import type { Article } from '../corpus/article.js';
import { splitIntoSentences } from '../text/sentences.js';

/** One sentence of an article's story text (furniture excluded), located in its paragraph. */
export interface Sentence {
  readonly paragraph: number;
  /** Character range within the paragraph's text. */
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** An overlapping window of consecutive sentences; it may span paragraphs (a quote can run across). */
export interface Passage {
  readonly articleId: string;
  /** Index of the first and last sentence in the article's sentence list, inclusive. */
  readonly first: number;
  readonly last: number;
  /** First and last paragraph (numbers as in the article's file) the window covers. */
  readonly paragraphs: { readonly first: number; readonly last: number };
}

/** A passage with its text and a number unique across the corpus. */
export interface Chunk extends Passage {
  readonly id: number;
  readonly text: string;
}

export interface ChunkOptions {
  /** Sentences per window. */
  readonly windowSize: number;
  /** Sentences between the starts of consecutive windows. */
  readonly stride: number;
}

export const DEFAULT_CHUNK_OPTIONS: ChunkOptions = { windowSize: 3, stride: 1 };

/** The story sentences of an article in reading order; furniture paragraphs are skipped. */
export function articleSentences(article: Article): Sentence[] {
  return article.paragraphs
    .filter((paragraph) => !paragraph.furniture)
    .flatMap((paragraph) =>
      splitIntoSentences(paragraph.text).map((span) => ({
        paragraph: paragraph.number,
        start: span.start,
        end: span.end,
        text: paragraph.text.slice(span.start, span.end),
      })),
    );
}

/**
 * Sentence windows over the article: every `stride` sentences a window of `windowSize`, the last one
 * ending at the last sentence so that nothing is left out. `nextId` numbers chunks across articles.
 */
export function chunkArticle(
  articleId: string,
  sentences: readonly Sentence[],
  nextId: number,
  options: ChunkOptions = DEFAULT_CHUNK_OPTIONS,
): Chunk[] {
  const chunks: Chunk[] = [];
  const count = sentences.length;
  for (const [first, last] of windowsOf(count, options)) {
    const text = sentences
      .slice(first, last + 1)
      .map((sentence) => sentence.text)
      .join(' ');
    const paragraphs = { first: sentences[first]?.paragraph ?? 0, last: sentences[last]?.paragraph ?? 0 };
    chunks.push({ id: nextId + chunks.length, articleId, first, last, paragraphs, text });
  }
  return chunks;
}

/** Window size and stride; a stride longer than the window would skip sentences. */
export function shapeOf(options: ChunkOptions): { size: number; stride: number } {
  const size = Math.max(1, options.windowSize);
  return { size, stride: Math.min(size, Math.max(1, options.stride)) };
}

/** Where the last window starts: the first start from which a window reaches the last sentence. */
function finalStart(count: number, size: number, stride: number): number {
  return Math.ceil(Math.max(0, count - size) / stride) * stride;
}

/** The [first, last] sentence ranges of the windows over `count` sentences, in order. */
export function windowsOf(count: number, options: ChunkOptions = DEFAULT_CHUNK_OPTIONS): [number, number][] {
  if (count === 0) return [];
  const { size, stride } = shapeOf(options);
  const windows: [number, number][] = [];
  for (let first = 0; first <= finalStart(count, size, stride); first += stride) {
    windows.push([first, Math.min(count, first + size) - 1]);
  }
  return windows;
}

/** The [first, last] ranges of the windows (as {@link windowsOf} makes them) that contain sentence `i`. */
export function windowsContaining(
  i: number,
  count: number,
  options: ChunkOptions = DEFAULT_CHUNK_OPTIONS,
): [number, number][] {
  const { size, stride } = shapeOf(options);
  const windows: [number, number][] = [];
  for (
    let first = firstStartContaining(i, size, stride);
    first <= lastStartContaining(i, count, size, stride);
    first += stride
  )
    windows.push([first, Math.min(count, first + size) - 1]);
  return windows;
}

/**
 * The start of the first window that contains sentence `i`: the search walks the windows from here
 * to {@link lastStartContaining} by `stride` for every sentence it touches (tens of thousands at
 * 10,000 articles), so it calls these two rather than make a list.
 */
export function firstStartContaining(i: number, size: number, stride: number): number {
  return Math.ceil(Math.max(0, i - size + 1) / stride) * stride;
}

/** The start of the last window, of `count` sentences', that contains sentence `i`. */
export function lastStartContaining(i: number, count: number, size: number, stride: number): number {
  return Math.min(i, finalStart(count, size, stride));
}

/** How many windows {@link windowsOf} makes over `count` sentences. */
export function windowCount(count: number, options: ChunkOptions = DEFAULT_CHUNK_OPTIONS): number {
  if (count === 0) return 0;
  const { size, stride } = shapeOf(options);
  return finalStart(count, size, stride) / stride + 1;
}
