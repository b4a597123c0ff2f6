import type { Article, Paragraph } from '../corpus/article.js';
import { findQuoteMarks, type MarkKind, type QuoteMark } from './quoteMarks.js';

/** The words of a quotation inside one paragraph: `text.slice(start, end)`. */
export interface QuotePart {
  readonly paragraph: number;
  readonly start: number;
  readonly end: number;
}

/** A direct quotation found in an article's story paragraphs, before attribution. */
export interface QuoteSpan {
  /** Story paragraphs the quotation runs through, ascending (furniture between them is skipped). */
  readonly paragraphs: readonly number[];
  readonly parts: readonly QuotePart[];
  /** Offset of the opening mark in the first paragraph. */
  readonly open: number;
  /** Offset just after the closing mark in the last paragraph (where the quotation stops if unclosed). */
  readonly close: number;
  /** Verbatim words without the outer marks; paragraphs joined by a newline, trailing , ; : dropped. */
  readonly text: string;
  readonly kind: MarkKind;
  /** False when no closing mark was found and the quotation was cut at the paragraph's end. */
  readonly closed: boolean;
}

/**
 * Every direct quotation in the article's story paragraphs (furniture is never quoted), in reading
 * order: curly, straight and mismatched double marks, single-quoted headline quotes, partial quotes,
 * and quotations that run across paragraphs (an unclosed quotation continues when the next story
 * paragraph opens with a quotation mark, the usual continuation convention). Apostrophes are never
 * taken for quotation marks, and a mark that is never closed affects its own paragraph only.
 */
export function extractQuotes(article: Article): QuoteSpan[] {
  const story = article.paragraphs.filter((paragraph) => !paragraph.furniture);
  const textOf = new Map(story.map((paragraph) => [paragraph.number, paragraph.text]));
  const spans: QuoteSpan[] = [];
  let carried: Pending | undefined;
  story.forEach((paragraph, position) => {
    const result = scanParagraph(paragraph, carried, story[position + 1]);
    spans.push(...result.finished.flatMap((pending) => toSpan(pending, textOf) ?? []));
    carried = result.carried;
  });
  return spans;
}

interface Pending {
  readonly kind: MarkKind;
  readonly open: number;
  readonly parts: readonly QuotePart[];
  readonly close: number;
  readonly closed: boolean;
}

interface ScanResult {
  readonly finished: Pending[];
  /** A quotation still open at the paragraph's end that the next story paragraph continues. */
  readonly carried?: Pending;
}

function scanParagraph(paragraph: Paragraph, carried: Pending | undefined, next?: Paragraph): ScanResult {
  const { text, number } = paragraph;
  const marks = findQuoteMarks(text);
  const finished: Pending[] = [];
  let cursor = 0;
  let pending: Pending | undefined;
  if (carried && marks[0]?.index === 0) {
    pending = { ...carried, parts: [...carried.parts, { paragraph: number, start: 1, end: text.length }] };
    cursor = 1;
  }
  for (;;) {
    if (pending === undefined) {
      const at = marks.findIndex((mark, position) => position >= cursor && mark.canOpen);
      const opener = marks[at];
      if (opener === undefined) return { finished };
      const part = { paragraph: number, start: opener.index + 1, end: text.length };
      pending = { kind: opener.kind, open: opener.index, parts: [part], close: text.length, closed: false };
      cursor = at + 1;
    }
    const found =
      pending.kind === 'double' ? findDoubleCloser(marks, cursor) : findSingleCloser(marks, cursor);
    if (found.kind !== 'open') {
      const end = marks[found.at]?.index ?? text.length;
      const closed = found.kind === 'closed';
      finished.push(ending(pending, number, end, closed ? end + 1 : end, closed));
      cursor = closed ? found.at + 1 : found.at;
      pending = undefined;
      continue;
    }
    if (next && continues(next, pending.kind)) return { finished, carried: pending };
    if (pending.kind === 'double') {
      finished.push(ending(pending, number, text.length, text.length, false));
      return { finished };
    }
    // A single mark that never closes was an apostrophe ("the players' union"): read on after it.
    const open = pending.open;
    cursor = pending.parts.length === 1 ? marks.findIndex((mark) => mark.index === open) + 1 : 1;
    pending = undefined;
  }
}

type CloserSearch = { kind: 'closed' | 'interrupted'; at: number } | { kind: 'open' };

/** The mark closing a double quotation: the next closing double mark, single marks being nested or apostrophes. */
function findDoubleCloser(marks: readonly QuoteMark[], from: number): CloserSearch {
  for (let at = from; at < marks.length; at++) {
    const mark = marks[at];
    if (mark?.kind !== 'double') continue;
    if (mark.canClose) return { kind: 'closed', at };
    // A new opening mark before any closing one: the previous quotation was never closed.
    if (mark.canOpen) return { kind: 'interrupted', at };
  }
  return mismatchedCloser(marks, from, 'single');
}

/**
 * The mark closing a single quotation. A mark that could be a plural possessive ("ITV News' Sam") is
 * taken only when no better closing mark follows.
 */
function findSingleCloser(marks: readonly QuoteMark[], from: number): CloserSearch {
  let possessive: number | undefined;
  for (let at = from; at < marks.length; at++) {
    const mark = marks[at];
    if (mark?.kind !== 'single' || !mark.canClose) continue;
    if (!mark.possessive) return { kind: 'closed', at };
    possessive ??= at;
  }
  if (possessive !== undefined) return { kind: 'closed', at: possessive };
  return mismatchedCloser(marks, from, 'double');
}

/** A closing mark of the other kind ('I will be ready”:), unless it closes a quotation of its own. */
function mismatchedCloser(marks: readonly QuoteMark[], from: number, kind: MarkKind): CloserSearch {
  let depth = 0;
  for (let at = from; at < marks.length; at++) {
    const mark = marks[at];
    if (mark?.kind !== kind) continue;
    if (mark.canOpen && !mark.canClose) depth++;
    else if (mark.canClose && depth > 0) depth--;
    else if (mark.canClose && mark.strongClose && !mark.possessive) return { kind: 'closed', at };
  }
  return { kind: 'open' };
}

function continues(next: Paragraph, kind: MarkKind): boolean {
  const first = findQuoteMarks(next.text.slice(0, 2))[0];
  return first?.index === 0 && first.kind === kind && first.canOpen;
}

function ending(pending: Pending, paragraph: number, end: number, close: number, closed: boolean): Pending {
  const parts = pending.parts.map((part) => (part.paragraph === paragraph ? { ...part, end } : part));
  return { ...pending, parts, close, closed };
}

function toSpan(pending: Pending, textOf: ReadonlyMap<number, string>): QuoteSpan | undefined {
  const text = pending.parts
    .map((part) => (textOf.get(part.paragraph) ?? '').slice(part.start, part.end).trim())
    .join('\n')
    .replace(/[\s,;:]+$/u, '');
  if (!/[\p{L}\p{N}]/u.test(text)) return undefined;
  const { kind, open, close, closed, parts } = pending;
  return { paragraphs: parts.map((part) => part.paragraph), parts, open, close, text, kind, closed };
}
