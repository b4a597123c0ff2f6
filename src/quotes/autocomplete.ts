import { distance } from 'fastest-levenshtein';
import { count } from '../text/plural.js';
import { UNATTRIBUTED } from './attribute.js';
import { cleanInput, type QuoteSource, searchQuotes } from './searchQuotes.js';
import { aliasKey } from './speakerRegistry.js';
import type { Choice, Quote, Speaker } from './types.js';

export interface AutocompleteOptions {
  /** Choices returned at most (Discord shows 25). */
  readonly maxChoices: number;
  /** Characters a choice's name and value may have at most (Discord allows 100). */
  readonly maxLength: number;
}

export const DEFAULT_AUTOCOMPLETE_OPTIONS: AutocompleteOptions = { maxChoices: 25, maxLength: 100 };

/**
 * Speakers the corpus quotes whose name or alias fits what has been typed: names starting with it
 * first, then aliases, then any word of them, then names containing it, then near misses ("Puttin").
 * Empty input lists the most quoted first. The value is the canonical name.
 */
export function speakerChoices(
  speakers: readonly Speaker[],
  partial: string,
  options: AutocompleteOptions = DEFAULT_AUTOCOMPLETE_OPTIONS,
): Choice[] {
  const typed = aliasKey(cleanInput(partial, options.maxLength));
  const rank = (speaker: Speaker): number => {
    if (typed === '') return 0;
    const keys = speaker.aliases.map(aliasKey);
    if (keys[0]?.startsWith(typed)) return 1;
    if (keys.some((key) => key.startsWith(typed))) return 2;
    if (keys.some((key) => key.split(' ').some((word) => word.startsWith(typed)))) return 3;
    if (keys.some((key) => key.includes(typed))) return 4;
    const near = keys.some((key) => key.split(' ').some((word) => distance(word, typed) <= 2));
    return near && typed.length >= 4 ? 5 : Number.POSITIVE_INFINITY;
  };
  return speakers
    .filter((speaker) => speaker.quoteCount > 0)
    .map((speaker) => ({ speaker, rank: rank(speaker) }))
    .filter(({ rank: found }) => Number.isFinite(found))
    .sort((a, b) => a.rank - b.rank || b.speaker.quoteCount - a.speaker.quoteCount)
    .slice(0, options.maxChoices)
    .map(({ speaker }) => ({
      name: truncateAtWord(`${speaker.name} (${count(speaker.quoteCount, 'quote')})`, options.maxLength),
      value: truncateAtWord(speaker.name, options.maxLength),
    }));
}

/**
 * Quotes fitting what has been typed (best first, as `searchQuotes` ranks them, or the closest ones
 * when nothing matches), limited to a speaker when one is named and known. The name shows the
 * quote and its speaker; the value is the quote's id for `getQuote`.
 */
export function quoteChoices(
  source: QuoteSource,
  partial: string,
  speaker: string | undefined,
  choiceValue: (quote: Quote) => string,
  options: AutocompleteOptions = DEFAULT_AUTOCOMPLETE_OPTIONS,
): Choice[] {
  const known = speaker === undefined ? undefined : source.findSpeaker(speaker)?.name;
  const found = searchQuotes(
    source,
    { text: partial, ...(known === undefined ? {} : { speaker: known }) },
    { limit: options.maxChoices, suggestionLimit: options.maxChoices },
  );
  const quotes: readonly Quote[] =
    found.status === 'found'
      ? found.results
      : found.suggestions.length > 0
        ? found.suggestions
        : source.listQuotes().filter((quote) => known === undefined || quote.speaker === known);
  return quotes.slice(0, options.maxChoices).map((quote) => ({
    name: choiceName(quote, options.maxLength),
    value: choiceValue(quote),
  }));
}

/** “The quote, cut at a word…” — Speaker, within `max` characters. */
function choiceName(quote: Quote, max: number): string {
  const speaker = quote.speaker === UNATTRIBUTED ? 'unattributed' : quote.speaker;
  const suffix = ` — ${truncateAtWord(speaker, Math.floor(max / 3))}`;
  const body = truncateAtWord(quote.text.replace(/\s+/gu, ' '), max - suffix.length - 2);
  return `“${body}”${suffix}`;
}

/**
 * The text if it fits in `max` characters (UTF-16 code units), else its start cut at a word
 * boundary with "…" added; never splits a surrogate pair.
 */
export function truncateAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 1) return '…'.slice(0, Math.max(0, max));
  const cut = text.slice(0, max - 1).replace(/[\uD800-\uDBFF]$/u, '');
  const space = cut.lastIndexOf(' ');
  const start = space > cut.length / 2 ? cut.slice(0, space) : cut;
  return `${start.replace(/[\s,;:.\-–—]+$/u, '')}…`;
}
