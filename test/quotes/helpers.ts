import type { Article, Paragraph } from '../../src/corpus/article.js';
import { QuoteIndex } from '../../src/quotes/quoteIndex.js';

/** A paragraph of a test article: its text, or `{ furniture }` for page furniture. */
export type TestParagraph = string | { readonly furniture: string };

/** Builds an article from paragraphs, numbered from 1 as the corpus loader numbers them. */
export function articleOf(paragraphs: readonly TestParagraph[], id = 'test-article'): Article {
  const built: Paragraph[] = paragraphs.map((paragraph, index) => ({
    number: index + 1,
    line: 8 + index * 2,
    text: typeof paragraph === 'string' ? paragraph : paragraph.furniture,
    furniture: typeof paragraph !== 'string',
  }));
  return {
    id,
    file: `${id}.md`,
    title: 'Test article',
    url: `https://example.com/news/${id}`,
    publisher: 'Example News',
    published: '2024-12-19',
    paragraphs: built,
  };
}

/** The quotes of an article as a reader checks them: words, speaker and paragraphs. */
export function quotesOf(
  paragraphs: readonly TestParagraph[],
): { text: string; speaker: string; paragraphs: number[] }[] {
  return new QuoteIndex([articleOf(paragraphs)]).listQuotes().map((quote) => ({
    text: quote.text,
    speaker: quote.speaker,
    paragraphs: [...quote.paragraphs],
  }));
}

/** Speaker of each quote, in order. */
export function speakersOf(paragraphs: readonly TestParagraph[]): string[] {
  return quotesOf(paragraphs).map((quote) => quote.speaker);
}
