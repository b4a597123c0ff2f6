/** Double marks (“ ” " „ « ») open and close quotations; single marks (‘ ’ ') also serve as apostrophes. */
export type MarkKind = 'double' | 'single';

/** A quotation mark in a paragraph, with what its surroundings allow it to do. */
export interface QuoteMark {
  readonly index: number;
  readonly kind: MarkKind;
  /** Space (or the paragraph start) before it and a character after it. */
  readonly canOpen: boolean;
  /** A character before it and space, punctuation or the paragraph end after it. */
  readonly canClose: boolean;
  /** For closers: followed by punctuation or the paragraph end, not by a space. */
  readonly strongClose: boolean;
  /** A single mark after a word ending in "s" and before a space: probably a plural possessive. */
  readonly possessive: boolean;
}

const DOUBLE = new Set(['"', '“', '”', '„', '‟', '«', '»']);
const SINGLE = new Set(["'", '‘', '’', '‚', '‛', '‹', '›']);
const OPENING_ONLY = new Set(['„', '‟', '«', '‹', '‚']);
const CLOSING_ONLY = new Set(['»', '›']);
const WORD_CHAR = /[\p{L}\p{N}]/u;
const SPACE = /\s/u;
const BEFORE_OPENER = /[\s([{\u2014\u2013/-]/u;
const AFTER_CLOSER = /[\s\p{P}\p{S}]/u;
// ’tis, ’em, rock ’n’ roll, the ’90s: apostrophes that start a word.
const ELISION = /^(?:tis|twas|em|n|cause|til|till|bout|\d\ds?)(?![\p{L}])/iu;

/** True for any character this module treats as a quotation mark. */
export function isQuoteMark(char: string): boolean {
  return DOUBLE.has(char) || SINGLE.has(char);
}

/**
 * The quotation marks of a paragraph in order. Apostrophes (a single mark between two letters or
 * digits, "hasn’t", "Putin’s", or starting an elision, "’90s") are left out.
 */
export function findQuoteMarks(text: string): QuoteMark[] {
  const marks: QuoteMark[] = [];
  for (let index = 0; index < text.length; index++) {
    const char = text[index] ?? '';
    const kind: MarkKind | undefined = DOUBLE.has(char) ? 'double' : SINGLE.has(char) ? 'single' : undefined;
    if (kind === undefined) continue;
    const before = text[index - 1] ?? '';
    const after = text[index + 1] ?? '';
    if (kind === 'single' && isApostrophe(text, index, before, after)) continue;
    marks.push(classify(char, kind, index, before, after));
  }
  return marks;
}

function isApostrophe(text: string, index: number, before: string, after: string): boolean {
  if (WORD_CHAR.test(before) && WORD_CHAR.test(after)) return true;
  return (before === '' || SPACE.test(before)) && ELISION.test(text.slice(index + 1, index + 5));
}

function classify(char: string, kind: MarkKind, index: number, before: string, after: string): QuoteMark {
  const openContext =
    (before === '' || BEFORE_OPENER.test(before) || isQuoteMark(before)) &&
    after !== '' &&
    !SPACE.test(after);
  const closeContext = before !== '' && !SPACE.test(before) && (after === '' || AFTER_CLOSER.test(after));
  const strongClose = closeContext && (after === '' || !SPACE.test(after));
  let canOpen = openContext;
  let canClose = closeContext;
  if (OPENING_ONLY.has(char)) canClose = false;
  if (CLOSING_ONLY.has(char)) canOpen = false;
  // A curly mark of the wrong hand is a typo: it keeps its own role unless the context forbids it.
  if (char === '“' || char === '‘') canClose = closeContext && !openContext;
  if (char === '”') canOpen = openContext && !closeContext;
  if (kind === 'single') {
    // A single mark opens a quotation only before a word, and closes one only after a word or punctuation.
    canOpen = canOpen && WORD_CHAR.test(after);
    canClose = canClose && /[\p{L}\p{N}.,!?…)]/u.test(before);
  }
  const possessive = kind === 'single' && canClose && !strongClose && /s/i.test(before);
  return { index, kind, canOpen, canClose, strongClose, possessive };
}
