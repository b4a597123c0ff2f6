import sbd from 'sbd';

/** A sentence as a character range of the text it was split from. */
export interface SentenceSpan {
  readonly start: number;
  readonly end: number;
}

const SBD_OPTIONS = {
  newline_boundaries: false,
  html_boundaries: false,
  sanitize: false,
  preserve_whitespace: true,
};

/**
 * Splits a paragraph into sentences with sbd, which knows abbreviations ("Mr.", "U.S."), initials
 * and numbers, and keeps a closing quote mark with the sentence it ends.
 * Offsets refer to `text`; spans are trimmed of surrounding whitespace.
 */
export function splitIntoSentences(text: string): SentenceSpan[] {
  const spans: SentenceSpan[] = [];
  let cursor = 0;
  for (const sentence of sbd.sentences(text, SBD_OPTIONS)) {
    const trimmed = sentence.trim();
    if (trimmed === '') continue;
    const start = text.indexOf(trimmed, cursor);
    // sbd returns the text it was given, so every piece is found; guard anyway rather than mis-cite.
    if (start < 0) return [{ start: 0, end: text.length }];
    spans.push({ start, end: start + trimmed.length });
    cursor = start + trimmed.length;
  }
  return spans;
}
