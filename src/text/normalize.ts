// Control characters other than tab and newline, and invisible format characters that break matching
// (zero-width spaces and joiners, bidi overrides, the byte-order mark).
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;
const INVISIBLE = /[\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;

/**
 * Normalises text for storage and display: well-formed UTF-16 (lone surrogates become U+FFFD),
 * Unicode NFC, no control or invisible characters, runs of whitespace collapsed to one space.
 */
export function normalizeText(text: string): string {
  return text
    .toWellFormed()
    .normalize('NFC')
    .replace(CONTROL, ' ')
    .replace(INVISIBLE, '')
    .replace(/\s+/g, ' ')
    .trim();
}
