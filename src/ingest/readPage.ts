import type { IncomingMessage } from 'node:http';
import { pipeline, type Readable, type Transform } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { decodeHtml, HTML_MEDIA_TYPES, parseContentType } from './decodeHtml.js';
import { IngestError } from './ingestError.js';

const DECOMPRESSORS: Readonly<Record<string, () => Transform>> = {
  gzip: createGunzip,
  'x-gzip': createGunzip,
  deflate: createInflate,
  br: createBrotliDecompress,
};

/**
 * Reads the final (non-redirect) response of a fetch as HTML text: refuses an error status, a content
 * type other than HTML, and a body larger than `maxBytes` (as declared, or once that many bytes have
 * arrived after decompression, when it stops reading).
 */
export async function readPage(response: IncomingMessage, url: URL, maxBytes: number): Promise<string> {
  const status = response.statusCode ?? 0;
  if (status < 200 || status > 299) {
    response.destroy();
    const message = `${url.href} answered ${status} ${response.statusMessage ?? ''}`.trim();
    throw new IngestError('http-status', message);
  }
  const { mediaType, charset } = parseContentType(response.headers['content-type']);
  if (!HTML_MEDIA_TYPES.has(mediaType)) {
    response.destroy();
    const what = mediaType === '' ? 'it has no content type' : `it is ${mediaType}`;
    throw new IngestError('not-html', `${url.href} is not a web page (${what})`);
  }
  const declaredLength = Number(response.headers['content-length'] ?? 0);
  if (declaredLength > maxBytes && response.headers['content-encoding'] === undefined) {
    response.destroy();
    throw tooLarge(maxBytes);
  }
  const bytes = await readAtMost(decompressed(response, url), maxBytes);
  return decodeHtml(bytes, charset);
}

function decompressed(response: IncomingMessage, url: URL): Readable {
  const encoding = (response.headers['content-encoding'] ?? '').trim().toLowerCase();
  if (encoding === '' || encoding === 'identity') return response;
  const decompressor = DECOMPRESSORS[encoding];
  if (!decompressor) {
    response.destroy();
    throw new IngestError('network', `${url.href} was sent in an encoding Excerpt cannot read (${encoding})`);
  }
  return pipeline(response, decompressor(), () => {});
}

/** Reads the whole stream, or stops and throws 'too-large' as soon as it passes `maxBytes`. */
async function readAtMost(stream: Readable, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > maxBytes) {
      stream.destroy();
      throw tooLarge(maxBytes);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, total);
}

function tooLarge(maxBytes: number): IngestError {
  return new IngestError('too-large', `The page is larger than ${formatBytes(maxBytes)}`);
}

function formatBytes(bytes: number): string {
  const mebibyte = 1024 * 1024;
  if (bytes >= mebibyte) return `${Number((bytes / mebibyte).toFixed(1))} MB`;
  if (bytes >= 1024) return `${Number((bytes / 1024).toFixed(1))} KB`;
  return `${bytes} bytes`;
}
