import type { Article } from '../corpus/article.js';
import { normalizeText } from '../text/normalize.js';

/** What a user's words named: one article, or why none (a sentence; the renderer says what to do). */
export type FoundArticle =
  | { readonly article: Article; readonly problem?: undefined }
  | { readonly article?: undefined; readonly problem: string };

const tokens = new WeakMap<ReadonlyMap<string, Article>, Map<string, string>>();

/** FNV-1a over the id's UTF-16 units, from a given offset basis: 32 bits. */
function fnv1a(text: string, basis: number): number {
  let hash = basis;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

/**
 * A short, stable name for an article id, safe in a button's custom_id: a picked choice's value
 * (Discord keeps values to 100 characters, fewer than an id may have) and what a button carries to
 * name the article again, across restarts. 64 bits of two hashes, so two of even a million
 * articles share one about once in forty million libraries; cheap enough to name 10,000 in a few
 * milliseconds.
 */
export function articleToken(articleId: string): string {
  const high = fnv1a(articleId, 0x811c9dc5).toString(36).padStart(7, '0');
  return high + fnv1a(articleId, 0x050c5d1f).toString(36).padStart(7, '0');
}

/** The article a token names, if the library still has it. */
function byToken(articles: ReadonlyMap<string, Article>, token: string): Article | undefined {
  let ids = tokens.get(articles);
  if (!ids) {
    ids = new Map([...articles.keys()].map((id) => [articleToken(id), id]));
    tokens.set(articles, ids);
  }
  const id = ids.get(token);
  return id === undefined ? undefined : articles.get(id);
}

/** An article as an autocomplete choice names it: "Title (2024-12-19)". */
export function articleLabel(article: Pick<Article, 'title' | 'published'>): string {
  return `${article.title} (${article.published})`;
}

/** Lower case, one space, no "(2024-12-19)" that an autocomplete choice's name ends with (articleLabel). */
function comparable(text: string): string {
  return normalizeText(text)
    .toLowerCase()
    .replace(/\s*\(\d{4}-\d{2}-\d{2}\)$/, '');
}

const titles = new WeakMap<Article, string>();

/** An article's title as {@link comparable} makes it, made once per article (autocomplete asks often). */
function comparableTitle(article: Article): string {
  let title = titles.get(article);
  if (title === undefined) {
    title = comparable(article.title);
    titles.set(article, title);
  }
  return title;
}

/** At most this many characters of what someone typed are quoted back to them. */
const QUOTED_CHARS = 80;

function quoted(text: string): string {
  const clean = normalizeText(text);
  return `“${clean.length > QUOTED_CHARS ? `${clean.slice(0, QUOTED_CHARS)}…` : clean}”`;
}

/**
 * The article someone named: by a picked choice's token, its id, its whole title, or words of its
 * title or id that only one article has (some Discord clients send what was typed, not the pick).
 */
export function findArticle(articles: ReadonlyMap<string, Article>, named: string): FoundArticle {
  const direct = byToken(articles, named.trim()) ?? articles.get(named.trim());
  if (direct) return { article: direct };
  const wanted = comparable(named);
  if (wanted === '') return { problem: 'No article is named.' };
  const titled = [...articles.values()].filter((article) => comparableTitle(article) === wanted);
  const matching =
    titled.length > 0
      ? titled
      : [...articles.values()].filter(
          (article) => comparableTitle(article).includes(wanted) || article.id.toLowerCase().includes(wanted),
        );
  const [only, second] = matching;
  if (only && !second) return { article: only };
  if (only)
    return {
      problem: `${matching.length.toLocaleString('en-GB')} articles match ${quoted(named)}.`,
    };
  return { problem: `No article here matches ${quoted(named)}.` };
}

/**
 * Articles for an autocomplete list: those whose title or id has what was typed; first those in
 * `first` (ids, best first: the articles with passages for the question typed so far), then titles
 * that start with what was typed, then the newest. Each as its title and date, valued by its token.
 */
export function articleChoices(
  articles: Iterable<Article>,
  typed: string,
  first: readonly string[] = [],
  max = 25,
): { name: string; value: string }[] {
  const wanted = comparable(typed);
  const suggested = new Map(first.map((id, i) => [id, i] as const));
  const rank = (article: Article) =>
    suggested.get(article.id) ?? first.length + (comparableTitle(article).startsWith(wanted) ? 0 : 1);
  const before = (a: Article, b: Article) =>
    rank(a) - rank(b) || b.published.localeCompare(a.published) || a.title.localeCompare(b.title);
  // The best `max` kept in order as the library is read: no sort of 10,000 titles per keystroke.
  const best: Article[] = [];
  for (const article of articles) {
    if (
      wanted !== '' &&
      !comparableTitle(article).includes(wanted) &&
      !article.id.toLowerCase().includes(wanted)
    )
      continue;
    const last = best.at(-1);
    if (best.length === max && last && before(article, last) >= 0) continue;
    let at = best.length;
    while (at > 0 && before(article, best[at - 1] as Article) < 0) at--;
    best.splice(at, 0, article);
    if (best.length > max) best.pop();
  }
  return best.map((article) => ({ name: articleLabel(article), value: articleToken(article.id) }));
}
