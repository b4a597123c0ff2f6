import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import pLimit from 'p-limit';
import { FURNITURE_RULES_FILE } from './furnitureRules.js';
import { SYNONYMS_FILE } from './synonyms.js';

/** Article files read at the same time. */
const OPEN_FILES = 64;

/** The raw files of a corpus folder, read once, and a fingerprint of exactly those bytes. */
export interface CorpusFiles {
  /** Article files (`*.md` directly in the folder), sorted by name. */
  readonly articles: readonly { readonly name: string; readonly bytes: Uint8Array }[];
  readonly furnitureRules: string;
  readonly synonyms: string;
  /** SHA-256 over every file name and byte: any change to the corpus changes it. */
  readonly fingerprint: string;
}

/** Reads the article files and the two rule files of `dir` (sub-folders such as the archive are ignored). */
export async function readCorpusFiles(dir: string): Promise<CorpusFiles> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.md'))
    .map((entry) => entry.name)
    .sort();
  const optional = async (name: string) =>
    entries.some((entry) => entry.isFile() && entry.name === name) ? readFile(join(dir, name), 'utf8') : '';
  // A bounded number of files open at once: all of them at once fails (EMFILE) past the usual
  // limit of 1,024 open files, about 1,000 articles.
  const limit = pLimit(OPEN_FILES);
  const articles = await Promise.all(
    names.map((name) => limit(async () => ({ name, bytes: await readFile(join(dir, name)) }))),
  );
  const furnitureRules = await optional(FURNITURE_RULES_FILE);
  const synonyms = await optional(SYNONYMS_FILE);
  const hash = createHash('sha256');
  for (const [name, bytes] of [
    [FURNITURE_RULES_FILE, furnitureRules],
    [SYNONYMS_FILE, synonyms],
    ...articles.map((file) => [file.name, file.bytes] as const),
  ] as const) {
    hash.update(`${name}\u0000${bytes.length}\u0000`);
    hash.update(bytes);
  }
  return { articles, furnitureRules, synonyms, fingerprint: hash.digest('hex') };
}
