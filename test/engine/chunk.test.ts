import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Article } from '../../src/corpus/article.js';
import { loadCorpus } from '../../src/corpus/loadCorpus.js';
import { articleSentences, chunkArticle, type Sentence } from '../../src/search/chunk.js';
import { normalizeText } from '../../src/text/normalize.js';

const SEED_CORPUS = fileURLToPath(new URL('../../corpus/', import.meta.url));
const corpus = await loadCorpus(SEED_CORPUS);
const seed = corpus.articles[0] as Article;
const seedLines = (await readFile(new URL(`../../corpus/${seed.file}`, import.meta.url), 'utf8')).split('\n');
const sentences = articleSentences(seed);
const FURNITURE_TEXT = [
  'Subscribe free to our weekly newsletter',
  'Credit: AP',
  'Listen to our latest podcasts',
];

/** The paragraph numbers a run of sentences comes from, as a citation shows them. */
function paragraphsOf(run: readonly Sentence[]): number[] {
  return [...new Set(run.map((sentence) => sentence.paragraph))];
}

describe('articleSentences', () => {
  it('returns sentences whose paragraph number is the block of the article file they come from', () => {
    for (const sentence of sentences) {
      const paragraph = seed.paragraphs.find((candidate) => candidate.number === sentence.paragraph);
      const fileLine = normalizeText(seedLines[(paragraph?.line ?? 0) - 1] ?? '');

      expect(fileLine, `¶${sentence.paragraph}`).toContain(sentence.text);
    }
    // Counting blank-line separated blocks of the file by hand: ¶9 is on line 26, after the newsletter promotion.
    expect(sentences.find((sentence) => sentence.text.startsWith('Because we are becoming'))?.paragraph).toBe(
      9,
    );
    expect(sentences.at(-1)).toMatchObject({
      paragraph: 21,
      text: 'The marathon sessions in the past have lasted well over four hours.',
    });
  });

  it('returns no sentence of the furniture paragraphs, which keep their numbers', () => {
    expect(paragraphsOf(sentences)).toEqual([
      1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 12, 13, 15, 16, 17, 18, 19, 20, 21,
    ]);
    for (const text of FURNITURE_TEXT) {
      expect(sentences.some((sentence) => sentence.text.includes(text))).toBe(false);
    }
  });

  it('returns offsets that slice the sentence out of its paragraph', () => {
    for (const sentence of sentences) {
      const paragraph = seed.paragraphs.find((candidate) => candidate.number === sentence.paragraph);

      expect(paragraph?.text.slice(sentence.start, sentence.end)).toBe(sentence.text);
    }
  });
});

describe('chunkArticle', () => {
  const chunks = chunkArticle(seed.id, sentences, 0);

  it('returns overlapping three-sentence windows, one starting at each sentence, the last ending the article', () => {
    expect(sentences).toHaveLength(27);
    expect(chunks.map((chunk) => [chunk.first, chunk.last])).toEqual(
      Array.from({ length: 25 }, (_, first) => [first, first + 2]),
    );
    for (const chunk of chunks) {
      expect(chunk.articleId).toBe(seed.id);
      expect(chunk.text).toBe(
        sentences
          .slice(chunk.first, chunk.last + 1)
          .map((sentence) => sentence.text)
          .join(' '),
      );
    }
  });

  it('returns a chunk holding the whole quote that runs from ¶7 across the newsletter promotion into ¶9', () => {
    const quote = chunks.filter(
      (chunk) =>
        chunk.text.includes('I believe that Russia has become much stronger') &&
        chunk.text.includes('we are already hardly dependent on anyone.”'),
    );

    expect(quote).toHaveLength(1);
    const [chunk] = quote;
    expect(paragraphsOf(sentences.slice(chunk?.first, (chunk?.last ?? 0) + 1))).toEqual([7, 9]);
    expect(chunk?.paragraphs).toEqual({ first: 7, last: 9 });
    expect(chunk?.text).not.toContain('newsletter');
  });

  it('returns no chunk containing page furniture', () => {
    for (const text of FURNITURE_TEXT) {
      expect(chunks.filter((chunk) => chunk.text.includes(text))).toEqual([]);
    }
  });

  it('numbers chunks from nextId so that ids stay unique across articles', () => {
    expect(chunkArticle(seed.id, sentences, 100).map((chunk) => chunk.id)).toEqual(
      Array.from({ length: 25 }, (_, i) => 100 + i),
    );
  });

  it('returns non-overlapping windows, the last one shorter, when the stride equals the window size', () => {
    const windows = chunkArticle(seed.id, sentences, 0, { windowSize: 5, stride: 5 });

    expect(windows.map((chunk) => [chunk.first, chunk.last])).toEqual([
      [0, 4],
      [5, 9],
      [10, 14],
      [15, 19],
      [20, 24],
      [25, 26],
    ]);
  });

  it('returns one chunk of everything when the window is longer than the article', () => {
    expect(
      chunkArticle(seed.id, sentences, 0, { windowSize: 100, stride: 1 }).map((c) => [c.first, c.last]),
    ).toEqual([[0, 26]]);
  });

  it('returns every window without looping forever when the stride or window size is zero', () => {
    const windows = chunkArticle(seed.id, sentences.slice(0, 3), 0, { windowSize: 0, stride: 0 });

    expect(windows.map((chunk) => [chunk.first, chunk.last])).toEqual([
      [0, 0],
      [1, 1],
      [2, 2],
    ]);
  });

  it('returns no chunk for an article without sentences', () => {
    expect(chunkArticle('empty', [], 0)).toEqual([]);
  });
});
