import { access, mkdir, readdir, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import type { Article } from './article.js';
import { withCorpusLock } from './corpusLock.js';
import type { FurnitureRule } from './furnitureRules.js';
import { parseArticle } from './parseArticle.js';

/** Removed articles go here, inside the corpus folder, where they are not indexed. Nothing is deleted. */
export const ARCHIVE_DIR = 'archive';

export class ArchiveError extends Error {
  constructor(message: string) {
    super(`corpus: ${message}`);
    this.name = 'ArchiveError';
  }
}

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

/** An article id is its file name without `.md`: no path separators, no leading dot. */
function fileOf(id: string): string {
  if (!/^[^/\\.][^/\\]*$/.test(id)) throw new ArchiveError(`"${id}" is not an article id`);
  return `${id.replace(/\.md$/, '')}.md`;
}

async function move(from: string, to: string, what: string): Promise<void> {
  if (!(await exists(from))) throw new ArchiveError(`${what}: no such file`);
  if (await exists(to)) throw new ArchiveError(`${what}: the destination already exists, move it by hand`);
  await rename(from, to);
}

/** Moves an article file into the archive folder (atomically, a rename). Returns the archived path. */
export function archiveArticle(corpusDir: string, id: string): Promise<string> {
  const file = fileOf(id);
  return withCorpusLock(corpusDir, async () => {
    const from = join(corpusDir, file);
    // Checked before the archive folder is made: a failed remove leaves the folder as it was.
    if (!(await exists(from))) throw new ArchiveError(`cannot archive ${file}: no such file`);
    await mkdir(join(corpusDir, ARCHIVE_DIR), { recursive: true });
    const target = join(corpusDir, ARCHIVE_DIR, file);
    await move(from, target, `cannot archive ${file}`);
    return target;
  });
}

/** Moves an archived article back into the corpus. */
export function restoreArticle(corpusDir: string, id: string): Promise<string> {
  const file = fileOf(id);
  return withCorpusLock(corpusDir, async () => {
    const target = join(corpusDir, file);
    await move(join(corpusDir, ARCHIVE_DIR, file), target, `cannot restore ${file}`);
    return target;
  });
}

/** Ids of the archived articles, sorted. */
export async function listArchived(corpusDir: string): Promise<string[]> {
  const entries = await readdir(join(corpusDir, ARCHIVE_DIR)).catch(() => [] as string[]);
  return entries
    .filter((name) => name.endsWith('.md'))
    .map((name) => name.slice(0, -3))
    .sort();
}

/** The archived articles that still load (an unreadable archived file is skipped: it is not served). */
export async function archivedArticles(
  corpusDir: string,
  rules: readonly FurnitureRule[],
): Promise<Article[]> {
  const articles: Article[] = [];
  for (const id of await listArchived(corpusDir)) {
    const bytes = await readFile(join(corpusDir, ARCHIVE_DIR, `${id}.md`)).catch(() => undefined);
    if (!bytes) continue;
    const result = parseArticle(`${id}.md`, bytes, rules);
    if ('article' in result) articles.push(result.article);
  }
  return articles;
}
