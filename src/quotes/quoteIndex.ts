import { createHash } from 'node:crypto';
import { pageTextBefore, textFragmentLink } from '../answer/textFragment.js';
import { runInSlices, runToEnd } from '../cooperative.js';
import type { Article } from '../corpus/article.js';
import { pushTo } from '../groups.js';
import { type AttributedQuote, attributeQuotes, UNATTRIBUTED } from './attribute.js';
import {
  type AutocompleteOptions,
  DEFAULT_AUTOCOMPLETE_OPTIONS,
  quoteChoices,
  speakerChoices,
} from './autocomplete.js';
import { extractQuotes, type QuoteSpan } from './extractQuotes.js';
import { QuoteMatcher } from './quoteMatcher.js';
import { type QuoteWord, quoteWords } from './quoteWords.js';
import { type QuoteQuery, type QuoteSearchOptions, type QuoteSource, searchQuotes } from './searchQuotes.js';
import { aliasKey, mergeSpeakersSteps, type SpeakerEntry, withoutTitles } from './speakerRegistry.js';
import { discoverPeople, type Person } from './speakers.js';
import { storyParagraphs } from './storyText.js';
import type { Choice, Quote, QuoteSearchResult, Speaker } from './types.js';

/** What a QuoteIndex is made of, as plain data. */
export interface QuoteIndexSnapshot {
  readonly quotes: readonly Quote[];
  readonly speakers: readonly Speaker[];
}

interface AnalysedArticle {
  readonly article: Article;
  readonly people: readonly Person[];
  readonly attributed: readonly AttributedQuote[];
}

// Each article's analysis, kept while the article is: a refresh parses an unchanged file to the very
// same Article (see parseCorpusInSlices), so only the articles that changed are analysed again.
const analyses = new WeakMap<Article, AnalysedArticle>();

function analyseArticle(article: Article): AnalysedArticle {
  const known = analyses.get(article);
  if (known) return known;
  const spans = extractQuotes(article);
  const story = storyParagraphs(article, spans);
  const people = discoverPeople(article, story);
  const analysed = { article, people: people.people, attributed: attributeQuotes(spans, story, people) };
  analyses.set(article, analysed);
  return analysed;
}

/**
 * Analyses the articles' quotations (extraction, attribution, each quotation's words and link) a
 * step per article, and keeps the analyses for the next build: after a start from a snapshot, which
 * holds only the finished quotes, this makes the next refresh re-analyse only what changed.
 */
export function* analyseQuotesSteps(articles: Iterable<Article>): Generator<void, void> {
  for (const article of articles) {
    for (const { span } of analyseArticle(article).attributed) factsOf(article, span);
    yield;
  }
}

/** What a quotation is to search and cite, whoever said it: its words, and its link into the page. */
interface SpanFacts {
  readonly words: readonly QuoteWord[];
  /** Its folded words joined: the same words quoted twice by one speaker are one quote. */
  readonly folded: string;
  readonly link: string;
}

// Kept with the quotation, which lives as long as its article's analysis (see `analyses`): a refresh
// reads the words of the changed articles' quotations only.
const spanFacts = new WeakMap<QuoteSpan, SpanFacts>();

function factsOf(article: Article, span: QuoteSpan): SpanFacts {
  let facts = spanFacts.get(span);
  if (!facts) {
    const words = quoteWords(span.text);
    facts = {
      words,
      folded: words.map((word) => word.norm).join(' '),
      link: textFragmentLink(article.url, span.text, pageTextBefore(article, span.paragraphs[0] ?? 0)),
    };
    spanFacts.set(span, facts);
  }
  return facts;
}

/** The quotes and speakers, and each quote's words for the matcher. */
interface Collected extends QuoteIndexSnapshot {
  readonly words: readonly (readonly QuoteWord[])[];
}

/** Extracts and attributes every quote of the articles, a step per article and per article's quotes. */
function* collectSteps(articles: readonly Article[]): Generator<void, Collected> {
  const analysed: AnalysedArticle[] = [];
  for (const article of articles) {
    analysed.push(analyseArticle(article));
    yield;
  }
  const entries = yield* mergeSpeakersSteps(analysed.flatMap(({ people }) => people));
  yield;
  const quotes: Quote[] = [];
  const words: (readonly QuoteWord[])[] = [];
  for (const { article, attributed } of analysed) {
    for (const { quote, facts } of toQuotes(article, attributed, entries)) {
      quotes.push(quote);
      words.push(facts.words);
    }
    yield;
  }
  return { quotes, words, speakers: toSpeakers([...new Set(entries.values())], quotes) };
}

/** Speakers by each alias's key, quotes by id and by choice value, and the unattributed count. */
interface Lookups {
  readonly byAlias: ReadonlyMap<string, Speaker[]>;
  readonly byId: ReadonlyMap<string, Quote>;
  readonly unattributedCount: number;
}

/** The look-ups of a QuoteIndex, a step per speaker and per quote. */
function* lookupSteps(speakers: readonly Speaker[], quotes: readonly Quote[]): Generator<void, Lookups> {
  const byAlias = new Map<string, Speaker[]>();
  for (const speaker of speakers) {
    for (const key of new Set(speaker.aliases.map(aliasKey))) pushTo(byAlias, key, speaker);
    yield;
  }
  const byId = new Map<string, Quote>();
  let unattributedCount = 0;
  for (const quote of quotes) {
    byId.set(quote.id, quote);
    byId.set(choiceValue(quote), quote);
    if (quote.speaker === UNATTRIBUTED) unattributedCount++;
    yield;
  }
  return { byAlias, byId, unattributedCount };
}

/** A QuoteIndex's quotes, speakers and look-ups, once read. */
interface Restored {
  readonly quotes: readonly Quote[];
  readonly speakerList: readonly Speaker[];
  readonly byAlias: ReadonlyMap<string, Speaker[]>;
  readonly byId: ReadonlyMap<string, Quote>;
  readonly unattributed: Speaker;
}

/** The word matcher over quotes already found, a quote's words read and indexed per step. */
function* matcherSteps(quotes: readonly Quote[]): Generator<void, QuoteMatcher> {
  const words: QuoteWord[][] = [];
  for (const quote of quotes) {
    words.push(quoteWords(quote.text));
    yield;
  }
  return yield* QuoteMatcher.steps(words);
}

/** A matcher made in steps, then its radix tree of words (for prefixes and typos), in steps too. */
function* withTreeSteps(steps: Generator<void, QuoteMatcher>): Generator<void, QuoteMatcher> {
  const matcher = yield* steps;
  yield* matcher.treeSteps();
  return matcher;
}

/** Builds a QuoteIndex a step at a time, the matcher included (see runInSlices). */
function* createSteps(articles: readonly Article[]): Generator<void, QuoteIndex> {
  const { words, ...found } = yield* collectSteps(articles);
  const matcher = yield* withTreeSteps(QuoteMatcher.steps(words));
  const lookups = yield* lookupSteps(found.speakers, found.quotes);
  return new QuoteIndex(articles, found, matcher, lookups);
}

/**
 * Every direct quotation of the corpus, attributed and searchable: built once from the articles
 * (at start-up or on reload), then read-only. No method throws on any input string.
 */
export class QuoteIndex implements QuoteSource {
  private built: QuoteMatcher | undefined;
  /** The quotes and look-ups, or what reads them on first use (dropped then, with the snapshot's bytes). */
  private source: Restored | (() => Restored);

  /**
   * Extracts and attributes every quote of the articles (synchronously), or wraps quotes and speakers
   * already found (see {@link QuoteIndex.create} and {@link QuoteIndex.toSnapshot}): given as a
   * function, they are read on first use, so that `npm run ask`, which never reads quotes, does not
   * parse them from the snapshot.
   */
  constructor(
    articles: readonly Article[],
    found?: QuoteIndexSnapshot | (() => QuoteIndexSnapshot),
    matcher?: QuoteMatcher,
    lookups?: Lookups,
  ) {
    this.built = matcher;
    const restore = (): Restored => {
      const { quotes, speakers } =
        typeof found === 'function' ? found() : (found ?? runToEnd(collectSteps(articles)));
      const { byAlias, byId, unattributedCount } = lookups ?? runToEnd(lookupSteps(speakers, quotes));
      return {
        quotes,
        speakerList: speakers,
        byAlias,
        byId,
        unattributed: { name: UNATTRIBUTED, aliases: [UNATTRIBUTED], quoteCount: unattributedCount },
      };
    };
    this.source = typeof found === 'function' ? restore : restore();
  }

  private get state(): Restored {
    if (typeof this.source === 'function') this.source = this.source();
    return this.source;
  }

  get quotes(): readonly Quote[] {
    return this.state.quotes;
  }

  /**
   * The word matcher over every quote: built on first use when the index was restored from a
   * snapshot, so that a start-up (or `npm run ask`, which never searches quotes) does not pay for it.
   */
  get matcher(): QuoteMatcher {
    this.built ??= runToEnd(matcherSteps(this.quotes));
    return this.built;
  }

  /**
   * Builds the matcher now, in slices (see runInSlices), if it is not built yet: a bot started from
   * a snapshot does this in the background, so that its first /quote does not build it at once (1.4 s
   * of one turn of the event loop at 10,000 articles). A search before it is done builds it itself.
   */
  async prepareMatcher(): Promise<void> {
    if (this.built) return;
    const matcher = await runInSlices(withTreeSteps(matcherSteps(this.quotes)));
    this.built ??= matcher;
  }

  /** Builds the index article by article, yielding to the event loop so a bot keeps answering. */
  static create(articles: readonly Article[]): Promise<QuoteIndex> {
    return runInSlices(createSteps(articles));
  }

  /** The quotes and speakers as plain data, to restore without extracting again. */
  toSnapshot(): QuoteIndexSnapshot {
    return { quotes: this.quotes, speakers: this.state.speakerList };
  }

  quoteAt(index: number): Quote | undefined {
    return this.quotes[index];
  }

  indexesOfSpeaker(name: string): Set<number> {
    const indexes = new Set<number>();
    this.quotes.forEach((quote, index) => {
      if (quote.speaker === name) indexes.add(index);
    });
    return indexes;
  }

  /** Every quote in corpus order (articles by file name, then reading order). */
  listQuotes(): readonly Quote[] {
    return this.quotes;
  }

  /** Everyone the corpus names as a person, or quotes; the most quoted first. */
  speakers(): readonly Speaker[] {
    return this.state.speakerList;
  }

  /**
   * The speaker a name or alias refers to, ignoring case, accents, a leading "the" and titles
   * ("putin", "President Putin", "the kremlin leader", "zelenskyy"); 'unattributed' names the quotes
   * without a speaker. When an alias is shared, the most quoted speaker wins; a tie finds nobody.
   */
  findSpeaker(nameOrAlias: string): Speaker | undefined {
    const key = aliasKey(typeof nameOrAlias === 'string' ? nameOrAlias.toWellFormed().slice(0, 200) : '');
    if (key === '') return undefined;
    if (key === UNATTRIBUTED) return this.state.unattributed;
    const found = this.state.byAlias.get(key) ?? this.state.byAlias.get(withoutTitles(key)) ?? [];
    const [first, second] = [...found].sort((a, b) => b.quoteCount - a.quoteCount);
    return second && second.quoteCount === first?.quoteCount ? undefined : first;
  }

  /** A quote by its id (or the value of an autocomplete choice). */
  getQuote(id: string): Quote | undefined {
    return typeof id === 'string' ? this.state.byId.get(id.trim()) : undefined;
  }

  /** Searches by words and/or speaker; see `searchQuotes`. */
  searchQuotes(query: QuoteQuery, options: Partial<QuoteSearchOptions> = {}): QuoteSearchResult {
    return searchQuotes(this, query, options);
  }

  /** At most 25 speakers fitting what has been typed, as autocomplete choices. */
  autocompleteSpeakers(
    partial: string,
    options: AutocompleteOptions = DEFAULT_AUTOCOMPLETE_OPTIONS,
  ): Choice[] {
    return speakerChoices(this.state.speakerList, partial, options);
  }

  /** At most 25 quotes fitting what has been typed (of `speaker` when known); values are quote ids. */
  autocompleteQuotes(
    partial: string,
    speaker?: string,
    options: AutocompleteOptions = DEFAULT_AUTOCOMPLETE_OPTIONS,
  ): Choice[] {
    return quoteChoices(this, partial, speaker, choiceValue, options);
  }
}

function toQuotes(
  article: Article,
  attributed: readonly AttributedQuote[],
  entries: ReadonlyMap<Person, SpeakerEntry>,
): { quote: Quote; facts: SpanFacts }[] {
  const quotes: { quote: Quote & { alsoIn: number[] }; facts: SpanFacts }[] = [];
  const seen = new Map<string, Quote & { alsoIn: number[] }>();
  const ids = new Set<string>();
  for (const { span, speaker, cue } of attributed) {
    const name = speaker ? (entries.get(speaker)?.name ?? speaker.name) : UNATTRIBUTED;
    const facts = factsOf(article, span);
    const key = `${name}\u0000${facts.folded}`;
    const earlier = seen.get(key);
    if (earlier) {
      earlier.alsoIn.push(span.paragraphs[0] ?? 0);
      continue;
    }
    const quote = {
      id: quoteId(article.id, facts.folded, ids),
      text: span.text,
      speaker: name,
      cue,
      articleId: article.id,
      title: article.title,
      url: article.url,
      link: facts.link,
      publisher: article.publisher,
      published: article.published,
      paragraphs: span.paragraphs,
      alsoIn: [],
    };
    seen.set(key, quote);
    quotes.push({ quote, facts });
  }
  return quotes;
}

function toSpeakers(entries: readonly SpeakerEntry[], quotes: readonly Quote[]): Speaker[] {
  const counts = new Map<string, number>();
  for (const quote of quotes) counts.set(quote.speaker, (counts.get(quote.speaker) ?? 0) + 1);
  const speakers = new Map<string, Speaker>();
  for (const entry of entries) {
    const quoteCount = counts.get(entry.name) ?? 0;
    if (entry.kind === 'group' && quoteCount === 0) continue;
    const known = speakers.get(entry.name);
    const aliases = [...new Set([...(known?.aliases ?? []), ...entry.aliases])];
    speakers.set(entry.name, { name: entry.name, aliases, quoteCount });
  }
  return [...speakers.values()].sort(bySpeakerRank);
}

/**
 * `${articleId}:q${hash}`: the hash is of the quote's words, so the id survives edits elsewhere in
 * the article (a button or autocomplete choice made before a refresh still finds it); the same
 * words quoted twice with different speakers get "-2", "-3".
 */
function quoteId(articleId: string, words: string, taken: Set<string>): string {
  const base = `${articleId}:q${createHash('sha256').update(words).digest('hex').slice(0, 8)}`;
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  taken.add(id);
  return id;
}

/** The quote id, or a shorter stand-in when a long article id would make it exceed 100 characters. */
export function choiceValue(quote: Quote): string {
  if (quote.id.length <= DEFAULT_AUTOCOMPLETE_OPTIONS.maxLength) return quote.id;
  const hash = createHash('sha256').update(quote.articleId).digest('hex').slice(0, 16);
  return `${hash}${quote.id.slice(quote.articleId.length)}`;
}

/** The order speakers are listed in: the most quoted first, then by name. */
export function bySpeakerRank(a: Speaker, b: Speaker): number {
  return b.quoteCount - a.quoteCount || a.name.localeCompare(b.name);
}
