import { distance } from 'fastest-levenshtein';
import { mentionsRole, roleNamesOf } from '../answer/roleNames.js';
import { normalizeText } from '../text/normalize.js';
import type { QuoteMatching } from './quoteMatcher.js';
import { quoteWords } from './quoteWords.js';
import { aliasKey } from './speakerRegistry.js';
import type { Quote, QuoteHit, QuoteSearchResult, Speaker } from './types.js';

/** What to look for: words of the quote, a speaker, or both. */
export interface QuoteQuery {
  readonly text?: string;
  readonly speaker?: string;
}

export interface QuoteSearchOptions {
  /** Results per page. */
  readonly limit: number;
  /** Results to skip (for "More results"). */
  readonly offset: number;
  /** Closest quotes offered when nothing matches. */
  readonly suggestionLimit: number;
  /** Longer text is cut at a word boundary before searching. */
  readonly maxQueryChars: number;
  /** Longer speaker names are cut before looking them up. */
  readonly maxSpeakerChars: number;
}

export const DEFAULT_QUOTE_SEARCH_OPTIONS: QuoteSearchOptions = {
  limit: 10,
  offset: 0,
  suggestionLimit: 3,
  maxQueryChars: 500,
  maxSpeakerChars: 200,
};

/** What a search needs from the index: quotes by position, the matcher over the same positions, speakers. */
export interface QuoteSource {
  readonly matcher: QuoteMatching;
  quoteAt(index: number): Quote | undefined;
  /** Positions of the quotes of this speaker (canonical name). */
  indexesOfSpeaker(name: string): Set<number>;
  /** Every quote, in order. */
  listQuotes(): readonly Quote[];
  speakers(): readonly Speaker[];
  findSpeaker(nameOrAlias: string): Speaker | undefined;
}

/**
 * The speaker a description names when the articles describe them otherwise: "the Russian leader"
 * or "Moscow's leader" for the speaker the articles call "the Russian president" (see roleNames.ts).
 * Only when the description is the whole of what was typed.
 */
function describedSpeaker(source: QuoteSource, typed: string): Speaker | undefined {
  if (!mentionsRole(typed)) return undefined;
  const { text, corrections } = roleNamesOf(source.speakers()).read(typed);
  const [only] = corrections;
  return corrections.length === 1 && only && text.trim() === only.to
    ? source.findSpeaker(only.to)
    : undefined;
}

/**
 * Searches the quotes by words and/or speaker. Never throws: any input string gives a result whose
 * status says what happened (see QuoteSearchStatus).
 */
export function searchQuotes(
  source: QuoteSource,
  query: QuoteQuery,
  options: Partial<QuoteSearchOptions> = {},
): QuoteSearchResult {
  const settings = { ...DEFAULT_QUOTE_SEARCH_OPTIONS, ...options };
  const text = cleanInput(query.text, settings.maxQueryChars);
  const typedSpeaker = cleanInput(query.speaker, settings.maxSpeakerChars);
  const hasWords = quoteWords(text).length > 0;
  const page = (hits: QuoteHit[]) => hits.slice(settings.offset, settings.offset + settings.limit);
  const base = { query: text, results: [], total: 0, suggestions: [] };

  if (typedSpeaker === '' && !hasWords) {
    return { ...base, speaker: null, status: 'empty-query', knownSpeakers: quotedSpeakers(source) };
  }
  const speaker =
    typedSpeaker === ''
      ? undefined
      : (source.findSpeaker(typedSpeaker) ?? describedSpeaker(source, typedSpeaker));
  if (typedSpeaker !== '' && speaker === undefined) {
    const suggestions = hasWords ? bestQuotes(source, text, undefined, settings.suggestionLimit) : [];
    const knownSpeakers = closestSpeakers(source, typedSpeaker);
    return { ...base, speaker: typedSpeaker, status: 'unknown-speaker', suggestions, knownSpeakers };
  }
  const among = speaker ? indexesOf(source, speaker.name) : undefined;
  const speakerName = speaker?.name ?? null;
  if (!hasWords) {
    const hits = [...(among ?? [])].map((index) => hit(source, index, 'speaker'));
    if (hits.length > 0)
      return { ...base, speaker: speakerName, status: 'found', results: page(hits), total: hits.length };
    return { ...base, speaker: speakerName, status: 'no-match', knownSpeakers: quotedSpeakers(source) };
  }
  const hits = source.matcher.rank(text, among).map(({ index, match }) => hit(source, index, match));
  if (hits.length > 0)
    return { ...base, speaker: speakerName, status: 'found', results: page(hits), total: hits.length };
  // The words may be someone else's: offer the best quotes of the speaker first, then of anyone.
  const suggestions = bestQuotes(source, text, among, settings.suggestionLimit);
  const elsewhere = among ? bestQuotes(source, text, undefined, settings.suggestionLimit) : [];
  const offered = [...new Set([...suggestions, ...elsewhere])].slice(0, settings.suggestionLimit);
  return { ...base, speaker: speakerName, status: 'no-match', suggestions: offered };
}

/** Normalised, well-formed text no longer than `max`, cut at a word boundary. */
export function cleanInput(value: string | undefined, max: number): string {
  const text = normalizeText(typeof value === 'string' ? value : '');
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return (space > max / 2 ? cut.slice(0, space) : cut).replace(/[\uD800-\uDBFF]$/u, '').trim();
}

function hit(source: QuoteSource, index: number, match: QuoteHit['match']): QuoteHit {
  const quote = source.quoteAt(index) as Quote;
  return { ...quote, match };
}

function indexesOf(source: QuoteSource, speaker: string): Set<number> {
  return source.indexesOfSpeaker(speaker);
}

/** Matches first, then the quotes sharing the most words with the text. */
function bestQuotes(
  source: QuoteSource,
  text: string,
  among: ReadonlySet<number> | undefined,
  limit: number,
): Quote[] {
  const ranked = source.matcher.rank(text, among).map(({ index }) => index);
  const close = source.matcher.closest(text, among, limit);
  return [...new Set([...ranked, ...close])].slice(0, limit).flatMap((index) => source.quoteAt(index) ?? []);
}

function quotedSpeakers(source: QuoteSource): string[] {
  return source
    .speakers()
    .filter((speaker) => speaker.quoteCount > 0)
    .map((speaker) => speaker.name);
}

/** Speakers the corpus quotes, those whose names are closest to what was typed first. */
function closestSpeakers(source: QuoteSource, typed: string): string[] {
  const key = aliasKey(typed);
  const nearness = (speaker: Speaker) =>
    Math.min(
      ...speaker.aliases.map((alias) => distance(key, aliasKey(alias).slice(0, Math.max(key.length, 1)))),
    );
  return source
    .speakers()
    .filter((speaker) => speaker.quoteCount > 0)
    .map((speaker) => ({ speaker, near: nearness(speaker) }))
    .sort((a, b) => a.near - b.near || b.speaker.quoteCount - a.speaker.quoteCount)
    .map(({ speaker }) => speaker.name);
}
