import { isMap, isScalar, LineCounter, parseDocument } from 'yaml';
import type { ArticleMeta } from './article.js';

export interface FrontMatterIssue {
  readonly line: number;
  readonly message: string;
}

export interface SplitArticle {
  readonly meta: ArticleMeta;
  /** Lines of the body; `bodyStartLine` is the file line of the first. */
  readonly bodyLines: readonly string[];
  readonly bodyStartLine: number;
}

const FENCE = /^---\s*$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const KNOWN_KEYS = new Set(['title', 'url', 'publisher', 'published', 'byline']);

/**
 * Splits an article file into its YAML front matter (`---` fenced, first line of the file) and body,
 * and validates the metadata. Every problem carries the file line it was found on.
 */
export function splitFrontMatter(text: string): SplitArticle | { issues: FrontMatterIssue[] } {
  const lines = text.split(/\r?\n/);
  if (!FENCE.test(lines[0] ?? '')) {
    return { issues: [{ line: 1, message: 'missing front matter: the file must start with a --- line' }] };
  }
  const close = lines.findIndex((line, index) => index > 0 && FENCE.test(line));
  if (close < 0) {
    return { issues: [{ line: 1, message: 'front matter is not closed: add a --- line after it' }] };
  }
  const lineCounter = new LineCounter();
  const yamlText = lines.slice(1, close).join('\n');
  const doc = parseDocument(yamlText, { lineCounter, prettyErrors: false });
  // Front matter line n is file line n + 1 (the opening fence is line 1).
  const fileLine = (offset: number) => lineCounter.linePos(offset).line + 1;
  const issues: FrontMatterIssue[] = doc.errors.map((error) => ({
    line: fileLine(error.pos[0]),
    message: `invalid YAML: ${error.message.split('\n')[0]}`,
  }));
  if (issues.length > 0) return { issues };
  if (!isMap(doc.contents)) {
    return { issues: [{ line: 2, message: 'front matter must be key: value lines' }] };
  }

  const values = new Map<string, { value: unknown; line: number }>();
  for (const pair of doc.contents.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    const line = isScalar(pair.key) && pair.key.range ? fileLine(pair.key.range[0]) : 2;
    if (!KNOWN_KEYS.has(key)) {
      issues.push({
        line,
        message: `unknown front matter key "${key}" (expected ${[...KNOWN_KEYS].join(', ')})`,
      });
      continue;
    }
    values.set(key, { value: isScalar(pair.value) ? pair.value.value : pair.value, line });
  }

  const closeLine = close + 1;
  const text_ = (key: string, required: boolean): string | undefined => {
    const entry = values.get(key);
    if (entry === undefined || entry.value === null || entry.value === '') {
      if (required) issues.push({ line: entry?.line ?? closeLine, message: `missing ${key}` });
      return undefined;
    }
    if (typeof entry.value !== 'string' && typeof entry.value !== 'number') {
      issues.push({ line: entry.line, message: `${key} must be text` });
      return undefined;
    }
    return String(entry.value).trim();
  };

  const title = text_('title', true);
  const url = text_('url', true);
  const publisher = text_('publisher', true);
  const published = text_('published', true);
  const byline = text_('byline', false);
  if (url !== undefined && !isHttpUrl(url)) {
    issues.push({
      line: values.get('url')?.line ?? closeLine,
      message: `bad url "${url}": expected an http(s) URL`,
    });
  }
  if (published !== undefined && !isIsoDate(published)) {
    issues.push({
      line: values.get('published')?.line ?? closeLine,
      message: `bad published date "${published}": expected YYYY-MM-DD`,
    });
  }
  if (issues.length > 0 || !title || !url || !publisher || !published) return { issues };

  const meta: ArticleMeta = { title, url, publisher, published, ...(byline ? { byline } : {}) };
  return { meta, bodyLines: lines.slice(close + 1), bodyStartLine: close + 2 };
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname.includes('.');
  } catch {
    return false;
  }
}

function isIsoDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}
