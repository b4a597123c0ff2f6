import { describe, expect, it } from 'vitest';
import { decodeHtml, parseContentType } from '../../src/ingest/decodeHtml.js';

const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(
    parts.map((part) => (typeof part === 'string' ? Buffer.from(part, 'latin1') : Buffer.from(part))),
  );

// “Café” in windows-1252: curly quotes 0x93/0x94, é 0xE9.
const CAFE_1252 = [0x93, 0x43, 0x61, 0x66, 0xe9, 0x94];

describe('decodeHtml', () => {
  it('decodes UTF-8 by default', () => {
    expect(decodeHtml(Buffer.from('<p>“Café”</p>'))).toBe('<p>“Café”</p>');
  });

  it('uses the charset from the header, with windows-1252 curly quotes and the € sign', () => {
    expect(decodeHtml(bytes('<p>', CAFE_1252, ' ', [0x80], '</p>'), 'iso-8859-1')).toBe('<p>“Café” €</p>');
  });

  it('falls back to a <meta charset> in the first 1024 bytes when the header names none', () => {
    const page = bytes('<html><head><meta charset="windows-1252"></head><p>', CAFE_1252, '</p>');
    expect(decodeHtml(page)).toContain('<p>“Café”</p>');
  });

  it('reads the http-equiv form of <meta> too', () => {
    const page = bytes(
      '<meta http-equiv="Content-Type" content="text/html; charset=windows-1252"><p>',
      CAFE_1252,
    );
    expect(decodeHtml(page)).toContain('<p>“Café”');
  });

  it('lets a byte-order mark win over a wrong header', () => {
    expect(decodeHtml(bytes([0xef, 0xbb, 0xbf], '<p>', [0xe2, 0x80, 0x9c], 'x</p>'), 'iso-8859-1')).toBe(
      '<p>“x</p>',
    );
  });

  it('falls back to UTF-8 for a charset it does not know', () => {
    expect(decodeHtml(Buffer.from('<p>Café</p>'), 'x-unknown-charset')).toBe('<p>Café</p>');
  });
});

describe('parseContentType', () => {
  it.each([
    ['text/html; charset=UTF-8', { mediaType: 'text/html', charset: 'UTF-8' }],
    ['Text/HTML;Charset="iso-8859-1"', { mediaType: 'text/html', charset: 'iso-8859-1' }],
    ['application/xhtml+xml', { mediaType: 'application/xhtml+xml' }],
    [undefined, { mediaType: '' }],
  ])('splits %s', (header, expected) => {
    expect(parseContentType(header)).toEqual(expected);
  });
});
