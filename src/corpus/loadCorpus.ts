import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Article, CorpusProblem } from './article.js';
import { FURNITURE_RULES_FILE, type FurnitureRule, parseFurnitureRules } from './furnitureRules.js';
import { parseArticle } from './parseArticle.js';

export interface Corpus {
  readonly articles: readonly Article[];
  /** Everything wrong with the folder; files with problems are left out, valid files still load. */
  readonly problems: readonly CorpusProblem[];
  readonly furnitureRules: readonly FurnitureRule[];
}

/**
 * Reads every `*.md` article in `dir` (not sub-folders) and the furniture rules beside them.
 * Never throws for bad content: problems are returned as file:line so a moderator can fix them.
 */
export async function loadCorpus(dir: string): Promise<Corpus> {
  const entries = await readdir(dir, { withFileTypes: true });
  const files = entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.md'))
    .map((entry) => entry.name)
    .sort();
  const rulesText = entries.some((entry) => entry.name === FURNITURE_RULES_FILE)
    ? await readFile(join(dir, FURNITURE_RULES_FILE), 'utf8')
    : '';
  const { rules, problems: ruleProblems } = parseFurnitureRules(rulesText);
  const problems: CorpusProblem[] = [...ruleProblems];
  const articles: Article[] = [];
  const seenUrls = new Map<string, string>();
  const seenBodies = new Map<string, string>();

  for (const file of files) {
    const result = parseArticle(file, await readFile(join(dir, file)), rules);
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
      problems.push({ file, line: 1, message: `duplicate article: ${reason}` });
      continue;
    }
    seenUrls.set(url, file);
    seenBodies.set(body, file);
    articles.push(article);
  }
  return { articles, problems, furnitureRules: rules };
}

/** URLs that differ only by scheme, `www.`, trailing slash, fragment or tracking query are the same article. */
function canonicalUrl(value: string): string {
  const url = new URL(value);
  for (const key of [...url.searchParams.keys()]) if (key.startsWith('utm_')) url.searchParams.delete(key);
  const query = url.searchParams.toString();
  return `${url.hostname.replace(/^www\./, '')}${url.pathname.replace(/\/$/, '')}${query ? `?${query}` : ''}`;
}

function bodyHash(article: Article): string {
  const hash = createHash('sha256');
  for (const paragraph of article.paragraphs) if (!paragraph.furniture) hash.update(`${paragraph.text}\n`);
  return hash.digest('hex');
}
