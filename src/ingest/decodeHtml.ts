import { TextDecoder } from 'node:util';

/** The media types accepted as a web page. */
export const HTML_MEDIA_TYPES: ReadonlySet<string> = new Set(['text/html', 'application/xhtml+xml']);

export interface ContentType {
  /** Lower-case `type/subtype`, '' when the header is missing. */
  readonly mediaType: string;
  readonly charset?: string;
}

/** Splits a `Content-Type` header into its media type and charset parameter. */
export function parseContentType(header: string | undefined): ContentType {
  const [type = '', ...parameters] = (header ?? '').split(';');
  const charset = parameters
    .map((parameter) => /^\s*charset\s*=\s*"?([^";\s]+)"?\s*$/i.exec(parameter)?.[1])
    .find((value) => value !== undefined);
  return { mediaType: type.trim().toLowerCase(), ...(charset ? { charset } : {}) };
}

// WHATWG windows-1252 for bytes 0x80–0x9F (curly quotes, dashes, €…); the rest is Latin-1.
const WINDOWS_1252_HIGH = String.fromCodePoint(
  0x20ac,
  0x81,
  0x201a,
  0x192,
  0x201e,
  0x2026,
  0x2020,
  0x2021,
  0x2c6,
  0x2030,
  0x160,
  0x2039,
  0x152,
  0x8d,
  0x17d,
  0x8f,
  0x90,
  0x2018,
  0x2019,
  0x201c,
  0x201d,
  0x2022,
  0x2013,
  0x2014,
  0x2dc,
  0x2122,
  0x161,
  0x203a,
  0x153,
  0x9d,
  0x17e,
  0x178,
);

const BYTE_ORDER_MARKS: readonly (readonly [bytes: readonly number[], encoding: string])[] = [
  [[0xef, 0xbb, 0xbf], 'utf-8'],
  [[0xfe, 0xff], 'utf-16be'],
  [[0xff, 0xfe], 'utf-16le'],
];

/**
 * Decodes a page: a byte-order mark wins, then the header's charset, then a `<meta charset>` in the
 * first 1024 bytes, then UTF-8. Unknown labels fall back to UTF-8; bad bytes become U+FFFD.
 */
export function decodeHtml(bytes: Uint8Array, headerCharset?: string): string {
  const label = byteOrderMark(bytes) ?? headerCharset ?? metaCharset(bytes) ?? 'utf-8';
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(label);
  } catch {
    decoder = new TextDecoder('utf-8');
  }
  const text = decoder.decode(bytes);
  // Node 20.18.3+ decodes windows-1252 (the encoding behind the latin1 and iso-8859-1 labels) as if
  // it were Latin-1, turning curly quotes into control characters (nodejs/node#60888). A correct
  // decoder never yields U+0080–U+009F for the bytes this maps, so the repair is safe either way.
  if (decoder.encoding !== 'windows-1252') return text;
  return text.replace(
    /[\u0080-\u009f]/g,
    (char: string) => WINDOWS_1252_HIGH[char.charCodeAt(0) - 0x80] ?? char,
  );
}

function byteOrderMark(bytes: Uint8Array): string | undefined {
  return BYTE_ORDER_MARKS.find(([mark]) => mark.every((byte, index) => bytes[index] === byte))?.[1];
}

function metaCharset(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  return /<meta\s[^>]*charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head)?.[1];
}
