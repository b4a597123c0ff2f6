// Control characters, and invisible format characters that break matching and display
// (zero-width spaces and joiners, bidi overrides such as U+202E, the byte-order mark, soft hyphens).
const CONTROL = /\p{Cc}/gu;
const INVISIBLE = /\p{Cf}/gu;

/**
 * Normalises text for storage and display: well-formed UTF-16 (lone surrogates become U+FFFD),
 * Unicode NFC, no control or invisible characters, runs of whitespace collapsed to one space.
 */
export function normalizeText(text: string): string {
  // NFC last: an accent separated from its letter by an invisible character composes once it is gone.
  return text
    .toWellFormed()
    .replace(CONTROL, ' ')
    .replace(INVISIBLE, '')
    .replace(/\s+/g, ' ')
    .trim()
    .normalize('NFC');
}

/**
 * {@link normalizeText} for a question, with compatibility forms read as the letters they stand for
 * (NFKC): "Ｐｕｔｎ" typed in full-width letters is "Putn", "ﬁghting" is "fighting". Not for articles,
 * whose text is quoted as written.
 */
export function normalizeQuestion(text: string): string {
  return normalizeText(text).normalize('NFKC');
}
