import { createHash } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { sliceClock } from './cooperative.js';
import type { Article, CorpusProblem } from './corpus/article.js';
import { compileRule } from './corpus/furnitureRules.js';
import type { Corpus } from './corpus/loadCorpus.js';
import type { SynonymGroup } from './corpus/synonyms.js';
import type { Engine } from './engine.js';
import { jsonPieces } from './jsonPieces.js';
import { QuoteIndex, type QuoteIndexSnapshot } from './quotes/quoteIndex.js';
import { type IndexSnapshot, SearchIndex } from './search/searchIndex.js';

/** Bump whenever analysis, chunking or the snapshot layout changes: older snapshots are then rebuilt. */
export const ENGINE_VERSION = 12;

/** Where the built index is kept: beside the articles, ignored by git. */
export function snapshotPath(corpusDir: string): string {
  return join(corpusDir, '.index', 'snapshot.json');
}

interface SnapshotHeader {
  readonly engineVersion: number;
  /** The corpus files' fingerprint the snapshot was built from. */
  readonly fingerprint: string;
  /** SHA-256 of the body line, so a damaged file is detected rather than trusted. */
  readonly checksum: string;
}

interface SnapshotBody {
  readonly builtAt: string;
  readonly corpus: {
    readonly articles: readonly Article[];
    readonly problems: readonly CorpusProblem[];
    readonly furnitureRules: readonly { source: string; flags: string; label: string; line: number }[];
    readonly synonyms: readonly SynonymGroup[];
  };
  readonly index: IndexSnapshot;
  readonly quotes: QuoteIndexSnapshot;
}

/**
 * Deletes temporary files of snapshot saves whose process is gone (killed mid-save): each is named
 * after the process writing it, and one still running may be writing it now. Returns the names.
 */
export async function removeStaleTemporaryFiles(corpusDir: string): Promise<string[]> {
  const folder = join(corpusDir, '.index');
  const names = await readdir(folder).catch(() => [] as string[]);
  const removed: string[] = [];
  for (const name of names) {
    const pid = Number(/^snapshot\.json\.(\d+)\.\d+\.tmp$/.exec(name)?.[1]);
    if (!Number.isInteger(pid) || isRunning(pid)) continue;
    await rm(join(folder, name), { force: true });
    removed.push(name);
  }
  return removed;
}

function isRunning(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Writes the engine's snapshot atomically (temporary file, then rename). */
export async function saveSnapshot(corpusDir: string, engine: Engine): Promise<void> {
  const { corpus } = engine;
  const body: SnapshotBody = {
    builtAt: engine.builtAt.toISOString(),
    corpus: {
      articles: corpus.articles,
      problems: corpus.problems,
      furnitureRules: corpus.furnitureRules.map((rule) => ({
        source: rule.pattern.source,
        flags: rule.pattern.flags,
        label: rule.label,
        line: rule.line,
      })),
      synonyms: corpus.synonyms,
    },
    index: engine.index.toSnapshot(),
    quotes: engine.quotes.toSnapshot(),
  };
  const path = snapshotPath(corpusDir);
  await mkdir(join(corpusDir, '.index'), { recursive: true });
  const temporary = `${path}.${process.pid}.${Date.now()}.tmp`;
  const header = (checksum: string) =>
    `${JSON.stringify({ engineVersion: ENGINE_VERSION, fingerprint: corpus.fingerprint, checksum } satisfies SnapshotHeader)}\n`;
  const file = await open(temporary, 'w');
  try {
    try {
      // The header holds the body's checksum: written first with a placeholder of the same length,
      // then again once the body is written and hashed.
      await file.write(header('0'.repeat(64)));
      const hash = createHash('sha256');
      await writeInSlices(jsonPieces(body), async (chunk) => {
        hash.update(chunk);
        await file.write(chunk);
      });
      await file.write(header(hash.digest('hex')), 0);
    } finally {
      await file.close();
    }
    await rename(temporary, path);
  } finally {
    await rm(temporary, { force: true });
  }
}

const WRITE_CHUNK_CHARS = 1 << 20;

/** Hands the pieces on in chunks of about a megabyte, letting the event loop run between slices. */
async function writeInSlices(
  pieces: Iterable<string>,
  write: (chunk: string) => Promise<void>,
): Promise<void> {
  let buffer: string[] = [];
  let buffered = 0;
  const pause = sliceClock();
  for (const piece of pieces) {
    buffer.push(piece);
    buffered += piece.length;
    if (buffered >= WRITE_CHUNK_CHARS) {
      await write(buffer.join(''));
      buffer = [];
      buffered = 0;
    }
    const turn = pause();
    if (turn) await turn;
  }
  if (buffered > 0) await write(buffer.join(''));
}

export type SnapshotResult = { engine: Engine } | { reason: 'missing' | 'stale' | 'corrupt'; detail: string };

/**
 * Loads the snapshot if it was built from exactly these corpus files by this engine version and is
 * intact; otherwise says why not (the caller rebuilds). Never throws.
 */
export async function loadSnapshot(corpusDir: string, fingerprint: string): Promise<SnapshotResult> {
  const started = performance.now();
  let bytes: Buffer;
  try {
    bytes = await readFile(snapshotPath(corpusDir));
  } catch {
    return { reason: 'missing', detail: 'no snapshot yet' };
  }
  try {
    const newline = bytes.indexOf(0x0a);
    const header = JSON.parse(bytes.subarray(0, newline).toString('utf8')) as SnapshotHeader;
    if (header.engineVersion !== ENGINE_VERSION)
      return { reason: 'stale', detail: `engine version ${header.engineVersion}` };
    if (header.fingerprint !== fingerprint) return { reason: 'stale', detail: 'the corpus files changed' };
    // Hashed as bytes, as written: hashing the decoded text would encode 90 MB again.
    const bodyBytes = bytes.subarray(newline + 1);
    if (createHash('sha256').update(bodyBytes).digest('hex') !== header.checksum)
      return { reason: 'corrupt', detail: 'checksum mismatch' };
    const bodyLine = bodyBytes.toString('utf8');
    const body = JSON.parse(bodyLine) as SnapshotBody;
    const corpus: Corpus = {
      articles: body.corpus.articles,
      problems: body.corpus.problems,
      furnitureRules: body.corpus.furnitureRules.map((rule) => ({
        pattern: compileRule(rule.source, rule.flags),
        label: rule.label,
        line: rule.line,
      })),
      synonyms: body.corpus.synonyms,
      fingerprint,
    };
    const index = new SearchIndex(corpus.articles, {}, body.index);
    const quotes = new QuoteIndex(corpus.articles, body.quotes);
    return {
      engine: {
        corpus,
        index,
        quotes,
        builtAt: new Date(body.builtAt),
        buildMs: performance.now() - started,
        source: 'snapshot',
      },
    };
  } catch (error) {
    return { reason: 'corrupt', detail: error instanceof Error ? error.message : String(error) };
  }
}
