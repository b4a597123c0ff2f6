import { QuoteIndex } from './quoteIndex.js';
import type { Speaker } from './types.js';

/**
 * One quote index over two: the shared library's quotes without those of hidden articles, then a
 * server's own. Speakers are merged by name, with their quotes counted again; a shared speaker
 * left with no quote is dropped when articles are hidden (they may be named only there).
 */
export function mergeQuotes(shared: QuoteIndex, own: QuoteIndex, hidden: ReadonlySet<string>): QuoteIndex {
  const quotes = [...shared.quotes.filter((quote) => !hidden.has(quote.articleId)), ...own.quotes];
  const counts = new Map<string, number>();
  for (const quote of quotes) counts.set(quote.speaker, (counts.get(quote.speaker) ?? 0) + 1);
  const byName = new Map<string, Speaker>();
  const sharedSpeakers = shared.speakers().filter((speaker) => hidden.size === 0 || counts.has(speaker.name));
  for (const speaker of [...sharedSpeakers, ...own.speakers()]) {
    const known = byName.get(speaker.name);
    byName.set(speaker.name, {
      name: speaker.name,
      aliases: [...new Set([...(known?.aliases ?? []), ...speaker.aliases])],
      quoteCount: counts.get(speaker.name) ?? 0,
    });
  }
  const speakers = [...byName.values()].sort(
    (a, b) => b.quoteCount - a.quoteCount || a.name.localeCompare(b.name),
  );
  return new QuoteIndex([], { quotes, speakers });
}
