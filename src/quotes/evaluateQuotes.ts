import type { QuoteIndex } from './quoteIndex.js';
import { aliasKey } from './speakerRegistry.js';
import type { Quote } from './types.js';

/** A quotation a person found by reading the article. */
export interface ExpectedQuote {
  /** Verbatim, without the outer marks; paragraphs of a running quotation joined by a newline. */
  readonly text: string;
  /** Canonical name, or 'unattributed'. */
  readonly speaker: string;
  readonly paragraphs: readonly number[];
}

/** A search a user might type, and the quote that should come first. */
export interface ExpectedSearch {
  readonly query: string;
  readonly speaker?: string;
  /** What the query tests: typo, spelling, quotes, punctuation, phrase, words, speaker. */
  readonly kind?: string;
  /** Words the first result must contain, verbatim. */
  readonly expect: string;
  /** The first result's paragraphs, when the words alone are not unique. */
  readonly paragraphs?: readonly number[];
}

/** Hand-checked ground truth for one article (see test/fixtures/seed-quotes.json). */
export interface QuoteFixture {
  readonly article: string;
  readonly quotes: readonly ExpectedQuote[];
  readonly searches: readonly ExpectedSearch[];
}

export interface QuoteEvaluation {
  /** Quotations in the fixture. */
  readonly expected: number;
  /** Quotations the index holds for the article, repeats counted where they occur. */
  readonly found: number;
  /** Share of expected quotations found with the same text and paragraphs. */
  readonly extractionRecall: number;
  /** Share of found quotations that the fixture lists. */
  readonly extractionPrecision: number;
  /** Share of expected quotations found and given the expected speaker. */
  readonly attributionAccuracy: number;
  /** Share of searches whose first result is the expected quote. */
  readonly searchHitAt1: number;
  readonly searchQueries: number;
  /** One line per miss, to say what to fix. */
  readonly failures: readonly string[];
}

/** One place a quote occurs: its own paragraphs, or a repeat's first paragraph. */
interface Occurrence {
  readonly quote: Quote;
  readonly paragraphs: readonly number[];
}

/**
 * Measures the index against a fixture: extraction recall and precision (same verbatim text and
 * paragraphs), attribution accuracy (over all expected quotations, so a missed quotation counts as
 * wrong) and hit@1 of the fixture's searches.
 */
export function evaluateQuotes(index: QuoteIndex, fixture: QuoteFixture): QuoteEvaluation {
  const failures: string[] = [];
  const occurrences: Occurrence[] = index
    .listQuotes()
    .filter((quote) => quote.articleId === fixture.article)
    .flatMap((quote) => [
      { quote, paragraphs: quote.paragraphs },
      ...quote.alsoIn.map((paragraph) => ({ quote, paragraphs: [paragraph] })),
    ]);
  const used = new Set<Occurrence>();
  let matched = 0;
  let attributed = 0;
  for (const expected of fixture.quotes) {
    const found = occurrences.find(
      (occurrence) =>
        !used.has(occurrence) &&
        sameText(occurrence.quote.text, expected.text) &&
        sameNumbers(occurrence.paragraphs, expected.paragraphs),
    );
    if (!found) {
      failures.push(`not found: ¶${expected.paragraphs.join(',')} "${expected.text}"`);
      continue;
    }
    used.add(found);
    matched++;
    // The same name, case and punctuation aside ("William H. Draper, Jr." is "William H. Draper Jr."):
    // any alias would do for most, but would count "Kennedy" (the President) as the index's "Jacqueline
    // Kennedy", whose surname it shares.
    const named = aliasKey(found.quote.speaker) === aliasKey(expected.speaker);
    if (named) attributed++;
    else
      failures.push(
        `wrong speaker: ¶${expected.paragraphs.join(',')} ${found.quote.speaker}, expected ${expected.speaker}`,
      );
  }
  for (const occurrence of occurrences.filter((candidate) => !used.has(candidate))) {
    failures.push(`not in the fixture: ¶${occurrence.paragraphs.join(',')} "${occurrence.quote.text}"`);
  }

  let hits = 0;
  for (const search of fixture.searches) {
    const result = index.searchQuotes({
      text: search.query,
      ...(search.speaker ? { speaker: search.speaker } : {}),
    });
    const first = result.results[0];
    const hit =
      first !== undefined &&
      collapse(first.text).includes(collapse(search.expect)) &&
      (search.paragraphs === undefined || sameNumbers(first.paragraphs, search.paragraphs));
    if (hit) hits++;
    else
      failures.push(
        `search "${search.query}": first result ${first ? `¶${first.paragraphs.join(',')}` : 'none'}`,
      );
  }
  const share = (part: number, whole: number) => (whole === 0 ? 1 : part / whole);
  return {
    expected: fixture.quotes.length,
    found: occurrences.length,
    extractionRecall: share(matched, fixture.quotes.length),
    extractionPrecision: share(matched, occurrences.length),
    attributionAccuracy: share(attributed, fixture.quotes.length),
    searchHitAt1: share(hits, fixture.searches.length),
    searchQueries: fixture.searches.length,
    failures,
  };
}

function collapse(text: string): string {
  return text.replace(/\s+/gu, ' ').trim();
}

function sameText(a: string, b: string): boolean {
  return collapse(a) === collapse(b);
}

function sameNumbers(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((value, index) => value === b[index]);
}
