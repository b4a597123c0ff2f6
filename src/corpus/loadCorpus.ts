import { createHash } from 'node:crypto';
import { runInSlices, runToEnd } from '../cooperative.js';
import type { Article, CorpusProblem } from './article.js';
import { type FurnitureRule, parseFurnitureRules } from './furnitureRules.js';
import { parseArticle } from './parseArticle.js';
import { type CorpusFiles, type FileRecord, type ReadBefore, readCorpusFiles } from './readCorpusFiles.js';
import { parseSynonyms, type SynonymGroup } from './synonyms.js';

export interface Corpus {
  readonly articles: readonly Article[];
  /** Everything wrong with the folder; files with problems are left out, valid files still load. */
  readonly problems: readonly CorpusProblem[];
  readonly furnitureRules: readonly FurnitureRule[];
  readonly synonyms: readonly SynonymGroup[];
  /** Fingerprint of the files this corpus was read from (see {@link readCorpusFiles}). */
  readonly fingerprint: string;
  /** The folder's stamp when it was read (see corpusStamp); absent for articles not read from a folder. */
  readonly stamp?: string;
  /**
   * Each file's parse by a hash of its name, bytes and the furniture rules, for the next refresh to
   * reuse: an unchanged file then yields the very same Article, whose sentence analysis and quotes
   * are cached by identity (see searchIndex and quoteIndex). Absent for a corpus from a snapshot.
   */
  readonly parsed?: ReadonlyMap<string, ParseResult>;
  /** Each article file's metadata and hash when read, so that a refresh reads only what changed. */
  readonly records?: ReadonlyMap<string, FileRecord>;
}

/** What a refresh needs to know of the corpus serving now to read only the files changed since. */
export function readBefore(corpus: Corpus | undefined): ReadBefore | undefined {
  const { parsed, records } = corpus ?? {};
  if (!parsed || !records) return undefined;
  // The rules are the same for every file of one read: hashed once.
  let rules: { text: string; key: string } | undefined;
  return {
    files: records,
    hasParse: (name, hash, furnitureRules) => {
      if (rules?.text !== furnitureRules) rules = { text: furnitureRules, key: rulesKeyOf(furnitureRules) };
      return parsed.has(parseKey(rules.key, name, hash));
    },
  };
}

/**
 * A corpus restored from a snapshot, with what a refresh reuses (each file's parse and record), when
 * `files` are the very files it was read from (the same fingerprint): each file's parse is then its
 * article in the corpus. Files whose parse found problems are left to be parsed again. Undefined when
 * the files have changed since.
 */
export function withParses(corpus: Corpus, files: CorpusFiles): Corpus | undefined {
  if (files.fingerprint !== corpus.fingerprint) return undefined;
  const byFile = new Map(corpus.articles.map((article) => [article.file, article]));
  const rulesKey = rulesKeyOf(files.furnitureRules);
  const parsed = new Map<string, ParseResult>();
  for (const { name, hash } of files.articles) {
    const article = byFile.get(name);
    if (article) parsed.set(parseKey(rulesKey, name, hash), { article });
  }
  return { ...corpus, parsed, records: files.records, stamp: files.stamp };
}

function rulesKeyOf(furnitureRules: string): string {
  return createHash('sha256').update(furnitureRules).digest('hex');
}

function parseKey(rulesKey: string, name: string, hash: string): string {
  return createHash('sha256').update(`${rulesKey}\u0000${name}\u0000${hash}`).digest('hex');
}

type ParseResult = ReturnType<typeof parseArticle>;

/**
 * Reads every `*.md` article in `dir` (not sub-folders) and the furniture rules and synonyms beside them.
 * Never throws for bad content: problems are returned as file:line so a moderator can fix them.
 */
export async function loadCorpus(dir: string): Promise<Corpus> {
  return parseCorpus(await readCorpusFiles(dir));
}

/** Parses and validates files already read (see {@link readCorpusFiles}). */
export function parseCorpus(files: CorpusFiles): Corpus {
  return runToEnd(parseSteps(files));
}

/**
 * {@link parseCorpus} in slices that let the event loop run between files (a bot refreshing),
 * reusing the parse of every file unchanged since `previous`.
 */
export function parseCorpusInSlices(files: CorpusFiles, previous?: Corpus): Promise<Corpus> {
  return runInSlices(parseSteps(files, previous?.parsed));
}

function* parseSteps(
  files: CorpusFiles,
  earlier?: ReadonlyMap<string, ParseResult>,
): Generator<void, Corpus> {
  const { rules, problems: ruleProblems } = parseFurnitureRules(files.furnitureRules);
  const { groups: synonyms, problems: synonymProblems } = parseSynonyms(files.synonyms);
  const problems: CorpusProblem[] = [...files.problems, ...ruleProblems, ...synonymProblems];
  const articles: Article[] = [];
  const seenUrls = new Map<string, string>();
  const seenBodies = new Map<string, string>();

  const parsed = new Map<string, ParseResult>();
  const rulesKey = rulesKeyOf(files.furnitureRules);
  for (const { name: file, hash, bytes } of files.articles) {
    yield;
    const key = parseKey(rulesKey, file, hash);
    const result = earlier?.get(key) ?? (bytes ? parseArticle(file, bytes, rules) : unread(file));
    parsed.set(key, result);
    if ('problems' in result) {
      problems.push(...result.problems);
      continue;
    }
    const { article } = result;
    const url = canonicalUrl(article.url);
    const body = bodyHash(article);
    const sameUrl = seenUrls.get(url);
    const sameBody = seenBodies.get(body);
    if (sameUrl || sameBody) {
      const reason = sameUrl ? `same url as ${sameUrl}` : `same text as ${sameBody}`;
      problems.push({ file, line: 1, message: `duplicate article: ${reason}`, duplicate: true });
      continue;
    }
    seenUrls.set(url, file);
    seenBodies.set(body, file);
    articles.push(article);
  }
  return {
    articles,
    problems,
    furnitureRules: rules,
    synonyms,
    fingerprint: files.fingerprint,
    stamp: files.stamp,
    parsed,
    records: files.records,
  };
}

/** A file left unread because its parse was at hand, which then was not: never, by readCorpusFiles. */
function unread(file: string): ParseResult {
  return {
    problems: [{ file, line: 1, message: 'not read: the folder changed while it was read; refresh again' }],
  };
}

/** URLs that differ only by scheme, `www.`, trailing slash, fragment or tracking query are the same article. */
export function canonicalUrl(value: string): string {
  const url = new URL(value);
  for (const key of [...url.searchParams.keys()]) if (key.startsWith('utm_')) url.searchParams.delete(key);
  const query = url.searchParams.toString();
  return `${url.hostname.replace(/^www\./, '')}${url.pathname.replace(/\/$/, '')}${query ? `?${query}` : ''}`;
}

function bodyHash(article: Article): string {
  return storyHash(
    article.paragraphs.filter((paragraph) => !paragraph.furniture).map((paragraph) => paragraph.text),
  );
}

/** SHA-256 of an article's story paragraphs: two articles with the same story are the same article. */
export function storyHash(paragraphs: readonly string[]): string {
  const hash = createHash('sha256');
  for (const paragraph of paragraphs) hash.update(`${paragraph}\n`);
  return hash.digest('hex');
}
