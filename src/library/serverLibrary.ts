import type { Article, CorpusProblem } from '../corpus/article.js';
import type { FurnitureRule } from '../corpus/furnitureRules.js';
import { parseArticle } from '../corpus/parseArticle.js';
import type { SynonymGroup } from '../corpus/synonyms.js';
import { QuoteIndex } from '../quotes/quoteIndex.js';
import { DEFAULT_SEARCH_OPTIONS, SearchIndex, type SearchOptions } from '../search/searchIndex.js';
import type { StoredArticle } from '../store/libraryStore.js';

/** One server's own articles, parsed and indexed on their own (small: built in milliseconds). */
export interface ServerLibrary {
  readonly guildId: string;
  readonly articles: readonly Article[];
  /** Stored articles that no longer parse, as `server <id>/<article>.md:line`. */
  readonly problems: readonly CorpusProblem[];
  readonly index: SearchIndex;
  /** Built on first use (/quote, /corpus status): most questions never need them. */
  quotes(): Promise<QuoteIndex>;
  readonly builtAt: Date;
}

/**
 * A server's index keeps every term's postings packed (four bytes a sentence) instead of in
 * MiniSearch, whose per-posting maps cost a small index about 2 MB (0.4 MB packed, for 20 articles).
 * Scores are the same BM25; a search of a few thousand sentences reads them all quickly.
 */
const SERVER_SEARCH_OPTIONS: SearchOptions = { ...DEFAULT_SEARCH_OPTIONS, commonTermMinimum: 0 };

/** Where a server's article is, in problem reports and `corpus check --guild`. */
export function serverFile(guildId: string, articleId: string): string {
  return `server ${guildId}/${articleId}.md`;
}

/** Parses a server's stored articles with the shared library's furniture rules. */
export function parseStoredArticles(
  stored: readonly StoredArticle[],
  rules: readonly FurnitureRule[],
): { articles: Article[]; problems: CorpusProblem[] } {
  const articles: Article[] = [];
  const problems: CorpusProblem[] = [];
  for (const entry of stored) {
    const result = parseArticle(`${entry.articleId}.md`, Buffer.from(entry.markdown, 'utf8'), rules);
    if ('article' in result) articles.push(result.article);
    else
      problems.push(
        ...result.problems.map((problem) => ({
          ...problem,
          file: serverFile(entry.guildId, entry.articleId),
        })),
      );
  }
  return { articles, problems };
}

/** Builds a server's own index and quotes, with the shared library's rules and synonyms. */
export async function buildServerLibrary(
  guildId: string,
  stored: readonly StoredArticle[],
  shared: { readonly furnitureRules: readonly FurnitureRule[]; readonly synonyms: readonly SynonymGroup[] },
): Promise<ServerLibrary> {
  const { articles, problems } = parseStoredArticles(stored, shared.furnitureRules);
  const index = await SearchIndex.create(articles, {
    synonyms: shared.synonyms,
    search: SERVER_SEARCH_OPTIONS,
  });
  let quotes: Promise<QuoteIndex> | undefined;
  return {
    guildId,
    articles,
    problems,
    index,
    quotes: () => {
      quotes ??= QuoteIndex.create(articles);
      return quotes;
    },
    builtAt: new Date(),
  };
}
