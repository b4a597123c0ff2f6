import { createHash } from 'node:crypto';
import { type Dirent, statSync } from 'node:fs';
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import { join, sep } from 'node:path';
import pLimit from 'p-limit';
import { sliceClock } from '../cooperative.js';
import type { CorpusProblem } from './article.js';
import { FURNITURE_RULES_FILE } from './furnitureRules.js';
import { SYNONYMS_FILE } from './synonyms.js';

/** The corpus folder is not there: the operator's to fix, said in one line (no stack). */
export class CorpusFolderMissing extends Error {
  override readonly name = 'CorpusFolderMissing';
  constructor(readonly dir: string) {
    super(`The corpus folder "${dir}" does not exist: create it, or set CORPUS_DIR (or --corpus)`);
  }
}

/** Article files read at the same time. */
const OPEN_FILES = 64;

/** An article file as last read: its metadata then (see corpusStamp) and a hash of its bytes. */
export interface FileRecord {
  readonly signature: string;
  readonly hash: string;
}

/** An article file: its bytes, unless they need not be read again (see ReadBefore). */
export interface ArticleFile {
  readonly name: string;
  /** SHA-256 of the bytes. */
  readonly hash: string;
  readonly bytes: Uint8Array | undefined;
}

/** What an earlier read of the folder knows, so that files unchanged since are not read again. */
export interface ReadBefore {
  readonly files: ReadonlyMap<string, FileRecord>;
  /** Whether the parse of these bytes under these furniture rules is at hand, needing no bytes. */
  readonly hasParse: (name: string, hash: string, furnitureRules: string) => boolean;
}

/** The raw files of a corpus folder, read once, and a fingerprint of exactly those bytes. */
export interface CorpusFiles {
  /**
   * Article files (`*.md` directly in the folder), sorted by id (the name without `.md`): of two
   * copies of one article, `story.md` comes before `story-2.md` and `story-copy.md`, and is served.
   */
  readonly articles: readonly ArticleFile[];
  /** Each article file's record, for the next read (see ReadBefore). */
  readonly records: ReadonlyMap<string, FileRecord>;
  readonly furnitureRules: string;
  readonly synonyms: string;
  /** SHA-256 over every file name and (the hash of its) bytes: any change to the corpus changes it. */
  readonly fingerprint: string;
  /** The folder's stamp (see corpusStamp), taken before the files were read. */
  readonly stamp: string;
  /** Files that look like corpus files but are not read: odd names, links leading out of the folder. */
  readonly problems: readonly CorpusProblem[];
}

/**
 * What each folder entry is to the corpus: a regular file, or a symbolic link to one inside the
 * folder, counts; a link out of the folder (or to nothing) and a name whose `.md` is not lower case
 * are reported rather than skipped in silence.
 */
async function classify(
  dir: string,
  entries: readonly Dirent[],
): Promise<{ files: Set<string>; problems: CorpusProblem[] }> {
  const root = await realpath(dir);
  const files = new Set<string>();
  const problems: CorpusProblem[] = [];
  for (const entry of entries) {
    const { name } = entry;
    const relevant = /\.md$/i.test(name) || name === FURNITURE_RULES_FILE || name === SYNONYMS_FILE;
    if (!relevant) continue;
    if (entry.isSymbolicLink()) {
      const target = await realpath(join(dir, name)).catch(() => undefined);
      const isFileInside =
        target?.startsWith(`${root}${sep}`) === true &&
        (await stat(target).then(
          (info) => info.isFile(),
          () => false,
        ));
      if (!isFileInside) {
        problems.push({
          file: name,
          line: 1,
          message: 'a link that leads out of the corpus folder (or to nothing): copy the file in instead',
        });
        continue;
      }
    } else if (!entry.isFile()) continue;
    if (name === '.md' || /\p{Cc}/u.test(name)) {
      problems.push({
        file: name,
        line: 1,
        message: 'not read: name the file after its article (no control characters)',
      });
      continue;
    }
    if (/\.md$/i.test(name) && !name.endsWith('.md')) {
      problems.push({
        file: name,
        line: 1,
        message: 'not read: article files must end in ".md" (lower case)',
      });
      continue;
    }
    files.add(name);
  }
  return { files, problems };
}

/** The corpus files of `dir` (articles sorted by id, then the rule files present) and the problems. */
async function listCorpus(
  dir: string,
): Promise<{ names: string[]; rules: string[]; problems: CorpusProblem[] }> {
  const entries = await readdir(dir, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT' && error.code !== 'ENOTDIR') throw error;
    throw new CorpusFolderMissing(dir);
  });
  const { files, problems } = await classify(dir, entries);
  const byId = (a: string, b: string) => {
    const [x, y] = [a.slice(0, -3), b.slice(0, -3)];
    return x < y ? -1 : x > y ? 1 : 0;
  };
  const names = [...files].filter((name) => name.endsWith('.md')).sort(byId);
  const rules = [FURNITURE_RULES_FILE, SYNONYMS_FILE].filter((name) => files.has(name));
  return { names, rules, problems };
}

/**
 * A fingerprint of the folder from its files' names, sizes, inodes and change times, read without
 * opening a file (about 0.15 s for 10,000 articles, where reading and hashing them takes 1.4 s):
 * an unchanged stamp lets a snapshot be used as it is. Any write to a file changes its change time,
 * which no tool sets back (unlike the modification time), so an edit always changes the stamp.
 */
export async function corpusStamp(dir: string): Promise<string> {
  return (await stampOf(dir, await listCorpus(dir))).stamp;
}

async function stampOf(
  dir: string,
  { names, rules, problems }: { names: string[]; rules: string[]; problems: CorpusProblem[] },
): Promise<{ stamp: string; signatures: Map<string, string> }> {
  // statSync in slices: a promise per file costs three times as much (0.4 s for 10,000 files),
  // and slices keep a bot answering meanwhile.
  const hash = createHash('sha256');
  const signatures = new Map<string, string>();
  const pause = sliceClock();
  for (const name of [...rules, ...names]) {
    const info = statSync(join(dir, name), { bigint: true });
    const signature = `${info.size}\u0000${info.ino}\u0000${info.ctimeNs}\u0000${info.mtimeNs}`;
    signatures.set(name, signature);
    hash.update(`${name}\u0000${signature}\n`);
    const turn = pause();
    if (turn) await turn;
  }
  hash.update(JSON.stringify(problems));
  return { stamp: hash.digest('hex'), signatures };
}

/**
 * Reads the article files and the two rule files of `dir` (sub-folders such as the archive are
 * ignored). With `before`, an article file whose metadata is unchanged since and whose parse is at
 * hand is not read again: at 10,000 articles that is most of a refresh's reading.
 */
export async function readCorpusFiles(dir: string, before?: ReadBefore): Promise<CorpusFiles> {
  const listing = await listCorpus(dir);
  const { names, rules, problems } = listing;
  // Taken before reading: a file changed meanwhile leaves the stamp older than the content, and the
  // next start reads the files rather than trusting a snapshot.
  const { stamp, signatures } = await stampOf(dir, listing);
  const optional = async (name: string) => (rules.includes(name) ? readFile(join(dir, name), 'utf8') : '');
  const furnitureRules = await optional(FURNITURE_RULES_FILE);
  const synonyms = await optional(SYNONYMS_FILE);
  // A bounded number of files open at once: all of them at once fails (EMFILE) past the usual
  // limit of 1,024 open files, about 1,000 articles.
  const limit = pLimit(OPEN_FILES);
  const articles = await Promise.all(
    names.map((name): ArticleFile | Promise<ArticleFile> => {
      const signature = signatures.get(name) ?? '';
      const known = before?.files.get(name);
      if (known?.signature === signature && before?.hasParse(name, known.hash, furnitureRules))
        return { name, hash: known.hash, bytes: undefined };
      return limit(async () => {
        const bytes = await readFile(join(dir, name));
        return { name, hash: createHash('sha256').update(bytes).digest('hex'), bytes };
      });
    }),
  );
  const records = new Map(
    articles.map(({ name, hash }) => [name, { signature: signatures.get(name) ?? '', hash }] as const),
  );
  const fingerprint = createHash('sha256');
  for (const [name, text] of [
    [FURNITURE_RULES_FILE, furnitureRules],
    [SYNONYMS_FILE, synonyms],
  ] as const)
    fingerprint.update(`${name}\u0000${text.length}\u0000`).update(text);
  for (const { name, hash } of articles) fingerprint.update(`${name}\u0000${hash}\n`);
  // Problems count too: a snapshot must not hide a file added since that cannot be read.
  fingerprint.update(JSON.stringify(problems));
  return {
    articles,
    records,
    furnitureRules,
    synonyms,
    fingerprint: fingerprint.digest('hex'),
    stamp,
    problems,
  };
}
