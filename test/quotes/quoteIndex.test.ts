import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { loadCorpus } from '../../src/corpus/loadCorpus.js';
import type { QuoteFixture } from '../../src/quotes/evaluateQuotes.js';
import { QuoteIndex } from '../../src/quotes/quoteIndex.js';
import { QuoteMatcher } from '../../src/quotes/quoteMatcher.js';
import { articleOf } from './helpers.js';

const fixture = JSON.parse(readFileSync('test/fixtures/seed-quotes.json', 'utf8')) as QuoteFixture;
let index: QuoteIndex;

beforeAll(async () => {
  const corpus = await loadCorpus('corpus');
  index = new QuoteIndex(corpus.articles);
});

/** Paragraphs of the results, e.g. ["7,9", "13"]. */
const paragraphsOf = (quotes: readonly { paragraphs: readonly number[] }[]) =>
  quotes.map((quote) => quote.paragraphs.join(','));
const search = (text: string, speaker?: string) =>
  index.searchQuotes({ text, ...(speaker === undefined ? {} : { speaker }) });

describe('QuoteIndex on the seed article', () => {
  it('lists every quotation of the fixture, verbatim, with its speaker and paragraphs', () => {
    const occurrences = index.listQuotes().flatMap((quote) => [
      { text: quote.text, speaker: quote.speaker, paragraphs: [...quote.paragraphs] },
      ...quote.alsoIn.map((paragraph) => ({
        text: quote.text,
        speaker: quote.speaker,
        paragraphs: [paragraph],
      })),
    ]);
    const byPosition = (a: { paragraphs: number[] }, b: { paragraphs: number[] }) =>
      (a.paragraphs[0] ?? 0) - (b.paragraphs[0] ?? 0);
    expect(occurrences.sort(byPosition)).toEqual(
      fixture.quotes.map((quote) => ({ ...quote, paragraphs: [...quote.paragraphs] })),
    );
  });

  it('gives each quote a stable id, a citation and a link that scrolls to it', () => {
    const woodward = index.listQuotes().find((candidate) => candidate.speaker === 'Bob Woodward');
    expect(woodward?.id).toMatch(/^2024-12-19-putin-says-he-will-meet-trump:q[0-9a-f]{8}$/);
    const quote = index.getQuote(woodward?.id ?? '');
    expect(quote).toMatchObject({
      text: 'maybe as many as seven',
      speaker: 'Bob Woodward',
      title: "'I will be ready': Putin says he will meet Trump",
      paragraphs: [10],
      link: 'https://itv.com/news/2024-12-19/i-will-be-ready-putin-says-he-will-meet-trump#:~:text=maybe%20as%20many%20as%20seven',
    });
  });

  it('ranks the exact phrase first, then quotes with all the words', () => {
    expect(paragraphsOf(search('will meet').results)).toEqual(['6', '5', '19']);
    expect(search('will meet').results.map((hit) => hit.match)).toEqual(['phrase', 'all-words', 'all-words']);
  });

  it('puts the quote that is exactly the phrase before longer quotes containing it', () => {
    expect(paragraphsOf(search('I will be ready').results)).toEqual(['1', '6']);
  });

  it('finds quotes despite typos, British or American spelling, quote marks and punctuation', () => {
    expect(paragraphsOf(search('soverign country').results)).toEqual(['7,9']);
    expect(paragraphsOf(search('square kilometres').results)).toEqual(['13']);
    expect(paragraphsOf(search('I want to emphasize every day').results)).toEqual(['13']);
    expect(paragraphsOf(search('"situation is changing dramatically"').results)).toEqual(['11']);
    expect(paragraphsOf(search('dont know when we will meet').results)).toEqual(['6']);
  });

  it('lists a speaker’s quotes in reading order when only the speaker is given, by any alias', () => {
    for (const alias of [
      'Putin',
      'vladimir putin',
      'President Putin',
      'the Russian president',
      'The Kremlin leader',
    ]) {
      const result = search('', alias);
      expect(result.status).toBe('found');
      expect(result.speaker).toBe('Vladimir Putin');
      expect(result.total).toBe(9);
      expect(paragraphsOf(result.results)).toEqual(['1', '3', '5', '6', '7,9', '11', '12', '13', '19']);
    }
  });

  it('finds a speaker case-, accent- and title-insensitively', () => {
    expect(index.findSpeaker('WOODWARD')?.name).toBe('Bob Woodward');
    expect(index.findSpeaker('the veteran journalist')?.name).toBe('Bob Woodward');
    expect(index.findSpeaker('Zelenskyy')?.name).toBe('Volodymyr Zelenskyy');
    expect(index.findSpeaker('Donald Trump')?.quoteCount).toBe(0);
    expect(index.findSpeaker('Sam Holder')?.name).toBe('Sam Holder');
    expect(index.findSpeaker('Boris Johnson')).toBeUndefined();
  });

  it('says when nothing matches and offers the closest quotes', () => {
    const result = search('sovereign banana');
    expect(result.status).toBe('no-match');
    expect(result.results).toEqual([]);
    expect(paragraphsOf(result.suggestions)).toEqual(['7,9']);
    expect(search('banana republic').suggestions).toEqual([]);
  });

  it('offers the speakers it knows for an unknown speaker, the closest first', () => {
    const result = search('', 'Puttin');
    expect(result).toMatchObject({ status: 'unknown-speaker', speaker: 'Puttin', results: [] });
    expect(result.knownSpeakers).toEqual(['Vladimir Putin', 'Bob Woodward']);
  });

  it('finds a speaker by a description the articles put otherwise ("the Russian leader")', () => {
    for (const described of ['the russian leader', "Moscow's leader", 'kremlin boss']) {
      const result = search('', described);
      expect(result.status, described).toBe('found');
      expect(result.speaker, described).toBe('Vladimir Putin');
    }
    // A description nobody answers to is still an unknown speaker.
    expect(search('', 'the french president').status).toBe('unknown-speaker');
  });

  it('says a named person has no quotes rather than that they are unknown', () => {
    expect(search('', 'Trump')).toMatchObject({ status: 'no-match', speaker: 'Donald Trump', results: [] });
  });

  it('keeps words and speaker together: words said by someone else are only suggested', () => {
    expect(paragraphsOf(search('seven', 'Woodward').results)).toEqual(['10']);
    const result = search('maybe as many as seven', 'Putin');
    expect(result.status).toBe('no-match');
    expect(paragraphsOf(result.suggestions)).toContain('10');
  });
});

describe('QuoteIndex autocomplete', () => {
  it('offers speakers the corpus quotes, matching any alias', () => {
    expect(index.autocompleteSpeakers('')).toEqual([
      { name: 'Vladimir Putin (9 quotes)', value: 'Vladimir Putin' },
      { name: 'Bob Woodward (1 quote)', value: 'Bob Woodward' },
    ]);
    expect(index.autocompleteSpeakers('kreml').map((choice) => choice.value)).toEqual(['Vladimir Putin']);
    expect(index.autocompleteSpeakers('wood').map((choice) => choice.value)).toEqual(['Bob Woodward']);
  });

  it('offers quotes as they are typed, whose values get the quote back', () => {
    const choices = index.autocompleteQuotes('sover');
    expect(choices[0]?.name).toBe(
      '“I believe that Russia has become much stronger over the past two or three…” — Vladimir Putin',
    );
    expect(index.getQuote(choices[0]?.value ?? '')?.paragraphs).toEqual([7, 9]);
    expect(index.autocompleteQuotes('', 'Woodward')).toEqual([
      {
        name: '“maybe as many as seven” — Bob Woodward',
        value: index.listQuotes().find((quote) => quote.speaker === 'Bob Woodward')?.id,
      },
    ]);
  });

  it('returns at most 25 choices of at most 100 characters, cut at a word boundary', () => {
    const long =
      'We will keep talking about the future of the country and its people for as long as it takes';
    const paragraphs = Array.from({ length: 40 }, (_, n) => `“${n} ${long}, ${long},” Kallas said.`);
    const manyIndex = new QuoteIndex([articleOf(paragraphs, `a-very-long-article-id-${'x'.repeat(90)}`)]);
    for (const choices of [
      manyIndex.autocompleteQuotes(''),
      manyIndex.autocompleteQuotes('keep talking', 'Kallas'),
    ]) {
      expect(choices).toHaveLength(25);
      for (const choice of choices) {
        expect(choice.name.length).toBeLessThanOrEqual(100);
        expect(choice.value.length).toBeLessThanOrEqual(100);
        expect(choice.name).toMatch(/\p{L}…” — Kallas$/u);
        expect(manyIndex.getQuote(choice.value)?.speaker).toBe('Kallas');
      }
    }
  });
});

describe('QuoteIndex on hostile input', () => {
  const hostile = [
    '',
    '   ',
    'x'.repeat(6000),
    'word '.repeat(1200),
    '🦆🔥 emoji only 👍🏽',
    '\uD83D',
    'broken \uDC00 surrogates \uD800',
    '@everyone',
    '<@123456789012345678> <#1> <@&2>',
    '.*+?^$\u007B}()|[]\\',
    '__proto__',
    'constructor',
    '\u0000\u0007\u202E',
    '“',
    "'",
  ];

  it('never throws, whatever is typed in any field', () => {
    for (const text of hostile) {
      for (const speaker of [undefined, ...hostile]) {
        expect(() =>
          index.searchQuotes({ text, ...(speaker === undefined ? {} : { speaker }) }),
        ).not.toThrow();
      }
      expect(() => index.findSpeaker(text)).not.toThrow();
      expect(() => index.getQuote(text)).not.toThrow();
      expect(index.autocompleteSpeakers(text).length).toBeLessThanOrEqual(25);
      expect(index.autocompleteQuotes(text, text).length).toBeLessThanOrEqual(25);
    }
  });

  it('never throws on arbitrary strings, and keeps autocomplete within Discord’s limits', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 300 }),
        fc.string({ maxLength: 40 }),
        (text, speaker) => {
          const result = index.searchQuotes({ text, speaker });
          expect(['found', 'no-match', 'unknown-speaker', 'empty-query']).toContain(result.status);
          for (const choice of [
            ...index.autocompleteQuotes(text, speaker),
            ...index.autocompleteSpeakers(text),
          ]) {
            expect(choice.name.length).toBeLessThanOrEqual(100);
            expect(choice.value.length).toBeLessThanOrEqual(100);
            expect(choice.name.length).toBeGreaterThan(0);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('answers an empty query by listing the speakers it knows', () => {
    expect(index.searchQuotes({})).toMatchObject({
      status: 'empty-query',
      speaker: null,
      knownSpeakers: ['Vladimir Putin', 'Bob Woodward'],
    });
  });
});

describe('a QuoteIndex restored from its snapshot', () => {
  it('builds its word matcher in slices when asked, and then searches as a fresh index does', async () => {
    const corpus = await loadCorpus('corpus');
    const snapshot = JSON.parse(JSON.stringify(index.toSnapshot()));
    const restored = new QuoteIndex(corpus.articles, () => snapshot);
    const steps = vi.spyOn(QuoteMatcher, 'steps');
    await restored.prepareMatcher();
    expect(steps).toHaveBeenCalledTimes(1);
    const prepared = restored.matcher;
    for (const query of ['soverign country', 'I will be rea', 'square kilometres', 'every day']) {
      expect(restored.searchQuotes({ text: query })).toEqual(index.searchQuotes({ text: query }));
      expect(restored.autocompleteQuotes(query)).toEqual(index.autocompleteQuotes(query));
    }
    // The matcher searched with is the one prepared, not one built again on first use.
    expect(restored.matcher).toBe(prepared);
    await restored.prepareMatcher();
    expect(restored.matcher).toBe(prepared);
    expect(steps).toHaveBeenCalledTimes(1);
    steps.mockRestore();
  });
});
