import type { Article } from '../corpus/article.js';
import { type SentenceSpan, splitIntoSentences } from '../text/sentences.js';
import type { QuoteSpan } from './extractQuotes.js';

/** A story paragraph prepared for attribution: the reporter's words with the quotations blanked out. */
export interface StoryParagraph {
  readonly number: number;
  readonly text: string;
  /**
   * `text` with every quotation, marks included, replaced by «   » of the same length, so offsets
   * agree with `text` and names inside quotations are not taken for the reporter's.
   */
  readonly masked: string;
  /** Sentences of `masked`: a quotation never splits a sentence. */
  readonly sentences: readonly SentenceSpan[];
}

/** The article's story paragraphs (furniture left out) in reading order, quotations masked. */
export function storyParagraphs(article: Article, spans: readonly QuoteSpan[]): StoryParagraph[] {
  return article.paragraphs
    .filter((paragraph) => !paragraph.furniture)
    .map((paragraph) => {
      let masked = paragraph.text;
      for (const span of spans) {
        const [start, end] = maskedRange(span, paragraph.number, paragraph.text.length);
        if (end > start) masked = masked.slice(0, start) + blank(end - start) + masked.slice(end);
      }
      return {
        number: paragraph.number,
        text: paragraph.text,
        masked,
        sentences: splitAfterQuotations(masked, splitIntoSentences(masked)),
      };
    });
}

/** The sentence of the paragraph that contains `offset` (the last one when it is past the end). */
export function sentenceAt(paragraph: StoryParagraph, offset: number): SentenceSpan {
  const found = paragraph.sentences.find((sentence) => offset >= sentence.start && offset < sentence.end);
  return found ?? paragraph.sentences.at(-1) ?? { start: 0, end: paragraph.text.length };
}

// "…a free-for-all”. Washington, July 24 --": a full stop after the closing mark, then a capital.
// The splitter sees no words in a masked quotation, so it runs the two sentences together.
const END_AFTER_QUOTATION = /»[.!?]+\s+(?=[\p{Lu}«])/gu;

/** The sentences, also split where a sentence ends right after a (masked) quotation. */
function splitAfterQuotations(masked: string, sentences: readonly SentenceSpan[]): SentenceSpan[] {
  return sentences.flatMap(({ start, end }) => {
    const cuts = Array.from(masked.slice(start, end).matchAll(END_AFTER_QUOTATION), (match) => {
      return start + match.index + match[0].length;
    });
    const bounds = [start, ...cuts, end];
    return bounds.slice(0, -1).map((from, i) => ({ start: from, end: bounds[i + 1] ?? end }));
  });
}

function maskedRange(span: QuoteSpan, paragraph: number, length: number): [number, number] {
  const first = span.paragraphs[0];
  const last = span.paragraphs.at(-1);
  if (!span.paragraphs.includes(paragraph)) return [0, 0];
  const start = paragraph === first ? span.open : 0;
  const end = paragraph === last ? span.close : length;
  return [start, Math.min(end, length)];
}

function blank(length: number): string {
  return length < 2 ? '«' : `«${' '.repeat(length - 2)}»`;
}
