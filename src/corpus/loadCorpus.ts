import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Article, CorpusProblem } from './article.js';
import { FURNITURE_RULES_FILE, type FurnitureRule, parseFurnitureRules } from './furnitureRules.js';
import { parseArticle } from './parseArticle.js';
import { parseSynonyms, SYNONYMS_FILE, type SynonymGroup } from './synonyms.js';

export interface Corpus {
  readonly articles: readonly Article[];
  /** Everything wrong with the folder; files with problems are left out, valid files still load. */
  readonly problems: readonly CorpusProblem[];
  readonly furnitureRules: readonly FurnitureRule[];
  readonly synonyms: readonly SynonymGroup[];
}

/**
 * Reads every `*.md` article in `dir` (not sub-folders) and the furniture rules and synonyms beside them.
 * Never throws for bad content: problems are returned as file:line so a moderator can fix them.
 */
export async function loadCorpus(dir: string): Promise<Corpus> {
  const entries = await readdir(dir, { withFileTypes: true });
  const files = entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.md'))
    .map((entry) => entry.name)
    .sort();
  const optionalFile = async (name: string) =>
    entries.some((entry) => entry.name === name) ? readFile(join(dir, name), 'utf8') : '';
  const { rules, problems: ruleProblems } = parseFurnitureRules(await optionalFile(FURNITURE_RULES_FILE));
  const { groups: synonyms, problems: synonymProblems } = parseSynonyms(await optionalFile(SYNONYMS_FILE));
  const problems: CorpusProblem[] = [...ruleProblems, ...synonymProblems];
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
  return { articles, problems, furnitureRules: rules, synonyms };
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
