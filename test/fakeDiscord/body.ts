import type { IncomingMessage } from 'node:http';

/** A file part of a multipart body, without its bytes. */
export interface RecordedFile {
  field: string;
  filename: string;
  contentType: string;
  size: number;
}

/** A request body as the fake understood it. */
export interface ParsedBody {
  /** JSON body, or the `payload_json` part of a multipart body; `undefined` when empty. */
  json: unknown;
  files: RecordedFile[];
}

/** Thrown for a body Discord would refuse to parse (answered with 50109). */
export class InvalidJsonError extends Error {}

async function readAll(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new InvalidJsonError('FakeDiscord: request body is not valid JSON');
  }
}

/**
 * Reads a JSON or multipart/form-data body. discord.js sends multipart when a message has files,
 * with the JSON in a `payload_json` part and each file in `files[n]`.
 */
export async function parseBody(request: IncomingMessage): Promise<ParsedBody> {
  const raw = await readAll(request);
  const contentType = request.headers['content-type'] ?? '';
  if (raw.length === 0) return { json: undefined, files: [] };
  if (!contentType.startsWith('multipart/form-data'))
    return { json: parseJson(raw.toString('utf8')), files: [] };

  // Node's fetch Response parses multipart bodies, so no extra dependency is needed.
  const form = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
  const files: RecordedFile[] = [];
  let json: unknown;
  for (const [field, value] of form) {
    if (typeof value === 'string') {
      if (field === 'payload_json') json = parseJson(value);
    } else {
      files.push({ field, filename: value.name, contentType: value.type, size: value.size });
    }
  }
  return { json, files };
}
