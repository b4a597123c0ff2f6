import { access, readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { ARCHIVE_DIR, archivedArticles } from '../corpus/archive.js';
import type { Article } from '../corpus/article.js';
import { formatProblem } from '../corpus/article.js';
import { withCorpusLock } from '../corpus/corpusLock.js';
import type { FurnitureRule } from '../corpus/furnitureRules.js';
import { canonicalUrl, loadCorpus } from '../corpus/loadCorpus.js';
import { parseArticle } from '../corpus/parseArticle.js';
import { articleFileName, renderArticleFile, writeFileAtomically } from './articleFile.js';
import { extractArticle } from './extractArticle.js';
import { type FetchPageOptions, fetchPage } from './fetchPage.js';
import { IngestError } from './ingestError.js';

export interface AddArticleOptions extends Partial<FetchPageOptions> {
  /** The fetch date (YYYY-MM-DD), used when the page states no publication date. Today (UTC) if absent. */
  readonly today?: string;
}

export interface AddedArticle {
  /** The new file's name inside the corpus folder. */
  readonly file: string;
  readonly title: string;
  /** Story paragraphs written (furniture left out). */
  readonly paragraphs: number;
  /** The article's URL as stored: the page's address after redirects. */
  readonly url: string;
}

// Same date and title as an existing file but a different article (a different URL and text): suffix -2, -3…
const MAX_NAME_SUFFIX = 20;

/** A fetched news page turned into an article file, not yet stored anywhere. */
export interface PreparedArticle {
  /** `<published>-<slug>.md`; the caller picks a free variant when it is taken. */
  readonly fileName: string;
  readonly title: string;
  /** The article's URL as stored: the page's address after redirects. */
  readonly url: string;
  /** Story paragraphs (furniture left out). */
  readonly paragraphs: readonly string[];
  /** The article file's text. */
  readonly markdown: string;
}

export interface PrepareOptions extends AddArticleOptions {
  readonly furnitureRules: readonly FurnitureRule[];
  /** Articles already served: the same URL or text is refused. */
  readonly known: readonly Article[];
  /** Archived articles: the same URL or text is refused with a hint to restore it. */
  readonly archived?: readonly Article[];
  /** How to name the library in refusals: "The corpus", "The shared library". */
  readonly libraryName?: string;
}

/**
 * Fetches a news page (see {@link fetchPage} for what is refused), extracts the story and renders it
 * as an article file; refuses it if `known` already has the same URL or text. Throws IngestError for
 * anything a moderator should be told.
 */
export async function prepareArticle(url: string, options: PrepareOptions): Promise<PreparedArticle> {
  const {
    today,
    furnitureRules,
    known,
    archived = [],
    libraryName = 'The corpus',
    ...fetchOptions
  } = options;
  // Before fetching: nothing to download if it is already there.
  refuseSameUrl(known, url, libraryName);
  refuseArchived(archived, url);

  const page = await fetchPage(url, fetchOptions);
  const extracted = extractArticle(page.html, page.url, { furnitureRules, ...(today ? { today } : {}) });
  refuseKnown({ url: page.url, paragraphs: extracted.paragraphs }, known, archived, libraryName);

  const { title, publisher, published, byline, paragraphs } = extracted;
  const meta = { title, url: page.url, publisher, published, ...(byline ? { byline } : {}) };
  return {
    fileName: articleFileName(published, title),
    title,
    url: page.url,
    paragraphs,
    markdown: renderArticleFile(meta, paragraphs),
  };
}

/**
 * Adds a news page to the corpus folder: {@link prepareArticle}, then, holding the corpus lock,
 * checks again against the folder as it is now (another process may have added the same article
 * while the page was fetched), writes `<published>-<slug>.md` atomically and checks that the file
 * loads. Does not refresh the index: the caller does.
 */
export async function addArticleFromUrl(
  corpusDir: string,
  url: string,
  options: AddArticleOptions = {},
): Promise<AddedArticle> {
  const known = async () => {
    const corpus = await loadCorpus(corpusDir);
    return {
      furnitureRules: corpus.furnitureRules,
      known: corpus.articles,
      archived: await archivedArticles(corpusDir, corpus.furnitureRules),
    };
  };
  const prepared = await prepareArticle(url, { ...options, ...(await known()) });
  return withCorpusLock(corpusDir, async () => {
    const now = await known();
    refuseKnown(prepared, now.known, now.archived, 'The corpus');
    const file = await writeUnderFreeName(corpusDir, prepared.fileName, prepared.markdown);
    await verifyWrittenFile(corpusDir, file, prepared.paragraphs.length, now.furnitureRules);
    return { file, title: prepared.title, paragraphs: prepared.paragraphs.length, url: prepared.url };
  });
}

/** Refuses an article the library already has, or has archived, by address or by text. */
function refuseKnown(
  article: { readonly url: string; readonly paragraphs: readonly string[] },
  known: readonly Article[],
  archived: readonly Article[],
  libraryName: string,
): void {
  refuseSameUrl(known, article.url, libraryName);
  refuseArchived(archived, article.url);
  const sameText = known.find((other) => sameStory(other, article.paragraphs));
  if (sameText) {
    throw new IngestError('duplicate', `${libraryName} already has this article's text, as ${sameText.file}`);
  }
  const archivedText = archived.find((other) => sameStory(other, article.paragraphs));
  if (archivedText) throw archivedError(archivedText);
}

function refuseSameUrl(articles: readonly Article[], url: string, libraryName: string): void {
  const same = withSameUrl(articles, url);
  if (same) throw new IngestError('duplicate', `${libraryName} already has ${url}, as ${same.file}`);
}

/** An article that was removed is brought back with restore (its file, its history), not added again. */
function refuseArchived(archived: readonly Article[], url: string): void {
  const same = withSameUrl(archived, url);
  if (same) throw archivedError(same);
}

/** The article at the same address, tracking parameters and such aside (see canonicalUrl). */
function withSameUrl(articles: readonly Article[], url: string): Article | undefined {
  let key: string;
  try {
    key = canonicalUrl(url);
  } catch {
    return undefined; // not a URL: fetchPage explains that
  }
  return articles.find((article) => canonicalUrl(article.url) === key);
}

function archivedError(article: Article): IngestError {
  return new IngestError(
    'archived',
    `This article was removed and is in the archive as ${article.id}: restore it with /library restore ${article.id}`,
  );
}

/** loadCorpus's test: the same story paragraphs (furniture aside), in the same order. */
export function sameStory(article: Article, paragraphs: readonly string[]): boolean {
  const story = article.paragraphs.filter((paragraph) => !paragraph.furniture);
  return (
    story.length === paragraphs.length && story.every((paragraph, i) => paragraph.text === paragraphs[i])
  );
}

/** Writes `name`, or `name-2.md`, `name-3.md`… when taken here or in the archive (so restoring still works). */
async function writeUnderFreeName(corpusDir: string, name: string, text: string): Promise<string> {
  for (let suffix = 1; suffix <= MAX_NAME_SUFFIX; suffix++) {
    const file = suffix === 1 ? name : name.replace(/\.md$/, `-${suffix}.md`);
    if (await exists(join(corpusDir, ARCHIVE_DIR, file))) continue;
    try {
      await writeFileAtomically(join(corpusDir, file), text);
      return file;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  throw new Error(`addArticleFromUrl: ${name} and ${MAX_NAME_SUFFIX - 1} numbered variants are all taken`);
}

/** The file must load exactly as meant; if it does not (a bug), it is removed so the corpus stays valid. */
async function verifyWrittenFile(
  corpusDir: string,
  file: string,
  expectedParagraphs: number,
  rules: Parameters<typeof parseArticle>[2],
): Promise<void> {
  const path = join(corpusDir, file);
  const result = parseArticle(file, await readFile(path), rules);
  const problem =
    'problems' in result
      ? result.problems.map(formatProblem).join('; ')
      : result.article.paragraphs.length !== expectedParagraphs ||
          result.article.paragraphs.some((paragraph) => paragraph.furniture)
        ? `expected ${expectedParagraphs} story paragraphs, read back ${result.article.paragraphs.length}`
        : undefined;
  if (problem === undefined) return;
  await unlink(path);
  throw new Error(
    `addArticleFromUrl: the file written for the article did not load, so it was removed: ${problem}`,
  );
}

function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}
