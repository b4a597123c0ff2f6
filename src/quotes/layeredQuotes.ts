import {
  type AutocompleteOptions,
  DEFAULT_AUTOCOMPLETE_OPTIONS,
  quoteChoices,
  speakerChoices,
} from './autocomplete.js';
import { bySpeakerRank, choiceValue, type QuoteIndex } from './quoteIndex.js';
import {
  type CountedQuote,
  compareCounted,
  compareScored,
  type QuoteMatching,
  type RankedQuote,
  type ScoredQuote,
} from './quoteMatcher.js';
import { type QuoteQuery, type QuoteSearchOptions, type QuoteSource, searchQuotes } from './searchQuotes.js';
import type { Choice, Quote, QuoteSearchResult, Speaker } from './types.js';

/** What /quote and its autocomplete use: a QuoteIndex, or a server's LayeredQuotes. */
export interface QuoteLibrary extends QuoteSource {
  getQuote(id: string): Quote | undefined;
  searchQuotes(query: QuoteQuery, options?: Partial<QuoteSearchOptions>): QuoteSearchResult;
  autocompleteSpeakers(partial: string, options?: AutocompleteOptions): Choice[];
  autocompleteQuotes(partial: string, speaker?: string, options?: AutocompleteOptions): Choice[];
}

/**
 * A server's quotes without copying the shared library's: positions below the shared count are the
 * shared quotes (those of hidden articles left out), the rest the server's own. Both matchers rank
 * each quote on its own words only, so merging their results ranks exactly as one matcher would.
 */
export class LayeredQuotes implements QuoteLibrary {
  readonly matcher: QuoteMatching;
  private readonly offset: number;
  /** Shared positions that may be shown, when articles are hidden; undefined means all. */
  private readonly visible: ReadonlySet<number> | undefined;
  private merged: { speakers: Speaker[]; byName: Map<string, Speaker> } | undefined;
  private all: readonly Quote[] | undefined;

  constructor(
    private readonly shared: QuoteIndex,
    private readonly own: QuoteIndex,
    private readonly hidden: ReadonlySet<string>,
  ) {
    this.offset = shared.quotes.length;
    if (hidden.size > 0) {
      const visible = new Set<number>();
      shared.quotes.forEach((quote, index) => {
        if (!hidden.has(quote.articleId)) visible.add(index);
      });
      this.visible = visible;
    }
    this.matcher = {
      rank: (query, among) => this.rank(query, among),
      closest: (query, among, limit) => this.closest(query, among, limit),
    };
  }

  quoteAt(index: number): Quote | undefined {
    if (index >= this.offset) return this.own.quotes[index - this.offset];
    return this.visible && !this.visible.has(index) ? undefined : this.shared.quotes[index];
  }

  indexesOfSpeaker(name: string): Set<number> {
    const indexes = new Set<number>();
    for (const index of this.shared.indexesOfSpeaker(name))
      if (!this.visible || this.visible.has(index)) indexes.add(index);
    for (const index of this.own.indexesOfSpeaker(name)) indexes.add(index + this.offset);
    return indexes;
  }

  listQuotes(): readonly Quote[] {
    this.all ??= [
      ...this.shared.quotes.filter((quote) => !this.hidden.has(quote.articleId)),
      ...this.own.quotes,
    ];
    return this.all;
  }

  getQuote(id: string): Quote | undefined {
    const quote = this.own.getQuote(id) ?? this.shared.getQuote(id);
    return quote && !this.hidden.has(quote.articleId) ? quote : undefined;
  }

  speakers(): readonly Speaker[] {
    return this.mergedSpeakers().speakers;
  }

  findSpeaker(nameOrAlias: string): Speaker | undefined {
    const found = this.own.findSpeaker(nameOrAlias) ?? this.shared.findSpeaker(nameOrAlias);
    return found && this.mergedSpeakers().byName.get(found.name);
  }

  searchQuotes(query: QuoteQuery, options: Partial<QuoteSearchOptions> = {}): QuoteSearchResult {
    return searchQuotes(this, query, options);
  }

  autocompleteSpeakers(
    partial: string,
    options: AutocompleteOptions = DEFAULT_AUTOCOMPLETE_OPTIONS,
  ): Choice[] {
    return speakerChoices(this.speakers(), partial, options);
  }

  autocompleteQuotes(
    partial: string,
    speaker?: string,
    options: AutocompleteOptions = DEFAULT_AUTOCOMPLETE_OPTIONS,
  ): Choice[] {
    return quoteChoices(this, partial, speaker, choiceValue, options);
  }

  private split(
    among: ReadonlySet<number> | undefined,
  ): [ReadonlySet<number> | undefined, ReadonlySet<number> | undefined] {
    if (!among) return [this.visible, undefined];
    const shared = new Set<number>();
    const own = new Set<number>();
    for (const index of among) {
      if (index >= this.offset) own.add(index - this.offset);
      else if (!this.visible || this.visible.has(index)) shared.add(index);
    }
    return [shared, own];
  }

  private rank(query: string, among?: ReadonlySet<number>): RankedQuote[] {
    const [inShared, inOwn] = this.split(among);
    const scored: ScoredQuote[] = [
      ...this.shared.matcher.rankScored(query, inShared),
      ...this.own.matcher.rankScored(query, inOwn).map((hit) => ({ ...hit, index: hit.index + this.offset })),
    ];
    return scored.sort(compareScored).map(({ index, match }) => ({ index, match }));
  }

  private closest(query: string, among: ReadonlySet<number> | undefined, limit: number): number[] {
    const [inShared, inOwn] = this.split(among);
    const counted: CountedQuote[] = [
      ...this.shared.matcher.closestCounted(query, inShared, limit),
      ...this.own.matcher
        .closestCounted(query, inOwn, limit)
        .map((hit) => ({ ...hit, index: hit.index + this.offset })),
    ];
    return counted
      .sort(compareCounted)
      .slice(0, limit)
      .map(({ index }) => index);
  }

  /** Speakers of both, merged by name, with the quotes this server can see counted. */
  private mergedSpeakers(): { speakers: Speaker[]; byName: Map<string, Speaker> } {
    if (this.merged) return this.merged;
    const counts = new Map<string, number>();
    if (this.visible) {
      for (const index of this.visible) {
        const speaker = this.shared.quotes[index]?.speaker ?? '';
        counts.set(speaker, (counts.get(speaker) ?? 0) + 1);
      }
    } else {
      for (const speaker of this.shared.speakers()) counts.set(speaker.name, speaker.quoteCount);
    }
    for (const speaker of this.own.speakers())
      counts.set(speaker.name, (counts.get(speaker.name) ?? 0) + speaker.quoteCount);
    const byName = new Map<string, Speaker>();
    // With articles hidden, a shared speaker left with no quote may be named only there: left out.
    const shared = this.shared
      .speakers()
      .filter((speaker) => !this.visible || (counts.get(speaker.name) ?? 0) > 0);
    for (const speaker of [...shared, ...this.own.speakers()]) {
      const known = byName.get(speaker.name);
      byName.set(speaker.name, {
        name: speaker.name,
        aliases: [...new Set([...(known?.aliases ?? []), ...speaker.aliases])],
        quoteCount: counts.get(speaker.name) ?? 0,
      });
    }
    const speakers = [...byName.values()].sort(bySpeakerRank);
    this.merged = { speakers, byName };
    return this.merged;
  }
}
