import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runToEnd } from '../../src/cooperative.js';
import type { Article } from '../../src/corpus/article.js';
import { loadCorpus } from '../../src/corpus/loadCorpus.js';
import { BROWN_STORIES, brownStory } from '../../src/eval/brownStory.js';
import { analyze } from '../../src/search/analyzer.js';
import { windowCount, windowsContaining, windowsOf } from '../../src/search/chunk.js';
import { CommonTermPostings } from '../../src/search/commonTermPostings.js';
import { LayeredIndex } from '../../src/search/layeredIndex.js';
import { DEFAULT_SEARCH_OPTIONS, SearchIndex } from '../../src/search/searchIndex.js';
import { SentenceTerms, SentenceTermsBuilder } from '../../src/search/sentenceTerms.js';
import { Vocabulary } from '../../src/search/vocabulary.js';
import { TopWindows } from '../../src/search/windowScores.js';

const corpus = await loadCorpus(fileURLToPath(new URL('../../corpus/', import.meta.url)));
const seed = corpus.articles[0] as Article;
const index = new SearchIndex(corpus.articles, { synonyms: corpus.synonyms });
const seedSentences = index.sentences.get(seed.id) ?? [];

describe('sentence windows', () => {
  it('finds exactly the windows that contain a sentence, for any size, stride and length', () => {
    for (let count = 0; count <= 12; count++) {
      for (const windowSize of [1, 2, 3, 5]) {
        for (const stride of [1, 2, 3]) {
          const options = { windowSize, stride };
          const all = windowsOf(count, options);
          expect(windowCount(count, options), `${count}/${windowSize}/${stride}`).toBe(all.length);
          for (let i = 0; i < count; i++) {
            const expected = all.filter(([first, last]) => first <= i && i <= last);
            expect(windowsContaining(i, count, options), `${i} of ${count}, ${windowSize}/${stride}`).toEqual(
              expected,
            );
          }
        }
      }
    }
  });

  it('covers every sentence, the last window ending at the last one', () => {
    expect(windowsOf(7, { windowSize: 3, stride: 1 })).toEqual([
      [0, 2],
      [1, 3],
      [2, 4],
      [3, 5],
      [4, 6],
    ]);
    expect(windowsOf(2, { windowSize: 3, stride: 1 })).toEqual([[0, 1]]);
    expect(index.passageCount).toBe(windowCount(seedSentences.length));
  });
});

describe('Vocabulary and SentenceTerms', () => {
  it('give each term one id, count sentences once per term, and look up prefixes and typos', () => {
    const vocabulary = new Vocabulary();
    const sentence = analyze('Sovereign Russia and sovereign Ukraine met; Russians spoke.');
    const ids = sentence.map((term) => vocabulary.intern(term));
    for (const id of new Set(ids)) vocabulary.countSentence(id);
    expect(vocabulary.intern(sentence[0] ?? '')).toBe(ids[0]);
    expect(vocabulary.frequencyOf(sentence[0] ?? '')).toBe(1);
    expect(vocabulary.frequencyOf('absent')).toBe(0);
    expect(vocabulary.withinEdits('soverign', 1).map(([term]) => term)).toEqual(['sovereign']);
    // Two letters swapped are one edit, as typed, not the two a plain edit distance counts.
    expect(vocabulary.withinEdits('russai', 1).map(([term]) => term)).toEqual(['russia']);
    expect(vocabulary.withPrefix('russ').map(([term]) => term)).toContain('russia');
    const copy = new Vocabulary(vocabulary.toJSON().words, vocabulary.toJSON().frequency);
    expect(copy.frequencyOf('sovereign')).toBe(1);
    expect(copy.word(ids[1] ?? -1)).toBe(sentence[1]);
  });

  it('find, with the first letter kept, the same near terms in the same order as the whole tree does', () => {
    const seedWords = [...new Set(analyze(seedSentences.map((sentence) => sentence.text).join(' ')))];
    const words = [...seedWords, ...fc.sample(fc.stringMatching(/^[a-z]{3,9}$/), { numRuns: 7000, seed: 5 })];
    const large = new Vocabulary(words);
    const small = new Vocabulary(seedWords);
    const typo = fc
      .tuple(fc.constantFrom(...seedWords), fc.nat(), fc.constantFrom('a', 'e', 'r', 's', ''))
      .map(([word, at, letter]) => {
        const i = at % word.length;
        // A letter replaced, dropped or two swapped, anywhere but the first letter as often as not.
        return at % 3 === 0
          ? word.slice(0, i) + letter + word.slice(i + 1)
          : at % 3 === 1
            ? word.slice(0, i) + (word[i + 1] ?? '') + (word[i] ?? '') + word.slice(i + 2)
            : word;
      });
    fc.assert(
      fc.property(
        fc.oneof(typo, fc.stringMatching(/^[a-z]{1,10}$/)),
        fc.integer({ min: 1, max: 2 }),
        (term, distance) => {
          for (const vocabulary of [large, small]) {
            const whole = vocabulary.withinEdits(term, distance).filter(([other]) => other[0] === term[0]);
            expect(vocabulary.withinEdits(term, distance, true)).toEqual(whole);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('look up the same terms with the tree made in steps as with the tree made on first use', () => {
    const words = fc.sample(fc.stringMatching(/^[a-z]{3,9}$/), { numRuns: 7000, seed: 11 });
    const stepped = new Vocabulary(words);
    const lazy = new Vocabulary(words);
    const steps = stepped.lookupSteps();
    for (let i = 0; i < 2; i++) steps.next();
    // A term added while the tree is being made is in it too.
    stepped.intern('zelenskyy');
    lazy.intern('zelenskyy');
    runToEnd(steps);
    for (const word of [...words.slice(0, 300), 'zelenskyy', 'zelensky', 'zzz']) {
      expect(stepped.withinEdits(word, 2).sort()).toEqual(lazy.withinEdits(word, 2).sort());
      expect(stepped.withPrefix(word.slice(0, 3)).sort()).toEqual(lazy.withPrefix(word.slice(0, 3)).sort());
    }
  });

  it('store each sentence’s term ids in order and survive the snapshot round trip', () => {
    const builder = new SentenceTermsBuilder();
    const lists = [[1, 2, 3], [], [7], Array.from({ length: 70_000 }, (_, i) => i % 11)];
    for (const list of lists) builder.add(list);
    const terms = builder.build();
    const copy = SentenceTerms.fromJSON(JSON.parse(JSON.stringify(terms.toJSON())));
    for (const table of [terms, copy]) {
      expect(table.sentenceCount).toBe(4);
      lists.forEach((list, n) => {
        expect([...table.of(n)]).toEqual(list);
      });
    }
  });

  it('count the sentences of a range using each term as countOf does, whatever the range or ids', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.integer({ min: 0, max: 12 }), { maxLength: 8 }), { maxLength: 30 }),
        fc.uniqueArray(fc.integer({ min: -1, max: 15 }), { maxLength: 6 }),
        fc.integer({ min: -2, max: 32 }),
        fc.integer({ min: -2, max: 32 }),
        (lists, ids, from, to) => {
          const builder = new SentenceTermsBuilder();
          for (const list of lists) builder.add(list);
          const terms = builder.build();
          const scanned = ids.map((id) => {
            let sentences = 0;
            for (let n = Math.max(0, from); n < Math.min(to, lists.length); n++)
              if (terms.countOf(n, id) > 0) sentences++;
            return sentences;
          });
          expect(terms.sentencesUsing(from, to, ids)).toEqual(scanned);
          // The marks it uses are cleared: asked again, the same answer; and again with an id beyond
          // any it has marked before (its marks grow).
          expect(terms.sentencesUsing(from, to, ids)).toEqual(scanned);
          expect(terms.sentencesUsing(from, to, [...ids, 1000]).slice(0, ids.length)).toEqual(scanned);
        },
      ),
    );
  });
});

describe('SearchIndex', () => {
  it('keeps each sentence’s analysed terms, so scoring never re-analyses text', () => {
    seedSentences.forEach((sentence, i) => {
      expect(index.sentenceTerms(seed.id, i)).toEqual(analyze(sentence.text));
    });
    expect(index.sentenceTerms(seed.id, seedSentences.length)).toEqual([]);
    expect(index.sentenceTerms('no-such-article', 0)).toEqual([]);
  });

  it('counts the sentences of one article that use each term, as counting their terms would', () => {
    const terms = ['putin', 'trump', 'kursk', 'nowher'];
    const counted = new Map<string, number>();
    for (const term of terms)
      for (let i = 0; i < seedSentences.length; i++)
        if (index.sentenceTerms(seed.id, i).includes(term)) counted.set(term, (counted.get(term) ?? 0) + 1);

    expect(index.sentenceFrequenciesIn(seed.id, terms)).toEqual(counted);
    expect(counted.get('putin')).toBeGreaterThan(counted.get('kursk') ?? 0);
    expect(index.sentenceFrequenciesIn('no-such-article', terms).size).toBe(0);
  });

  it('counts them in a server’s library from the part that holds the article, and none for a hidden one', () => {
    const story = brownStory(BROWN_STORIES[0]);
    const own = new SearchIndex([story]);
    const terms = ['jury', 'putin'];
    const library = new LayeredIndex(index, own, new Set());

    expect(library.sentenceFrequenciesIn(story.id, terms)).toEqual(
      own.sentenceFrequenciesIn(story.id, terms),
    );
    expect(library.sentenceFrequenciesIn(seed.id, terms)).toEqual(
      index.sentenceFrequenciesIn(seed.id, terms),
    );
    expect(new LayeredIndex(index, own, new Set([seed.id])).sentenceFrequenciesIn(seed.id, terms).size).toBe(
      0,
    );
  });

  it('returns windows whose score is the sum of their sentences’ hits, best first', () => {
    const { passages } = index.search('Assad Moscow asylum');
    expect(passages.length).toBeGreaterThan(0);
    for (const [i, hit] of passages.entries()) {
      expect(hit.passage.articleId).toBe(seed.id);
      expect(hit.passage.last - hit.passage.first).toBeLessThanOrEqual(2);
      expect(hit.passage.paragraphs.first).toBe(seedSentences[hit.passage.first]?.paragraph);
      if (i > 0) expect(hit.score).toBeLessThanOrEqual(passages[i - 1]?.score ?? Number.POSITIVE_INFINITY);
    }
    const best = passages[0];
    const text = seedSentences
      .slice(best?.passage.first, (best?.passage.last ?? 0) + 1)
      .map((sentence) => sentence.text)
      .join(' ');
    expect(text).toContain('Assad');
  });

  it('scores every window holding a match once: its title, plus its sentences times the question words they cover, with packed postings too', () => {
    // One-sentence windows give each sentence's own score times the number of the question's words
    // it has; a three-sentence window must be exactly its sentences' scores summed times the number
    // of the question's words any of them has (plus the title's), found once, whichever of its
    // sentences matched first. The questions' words match only themselves, each at weight 1.
    const search = { ...DEFAULT_SEARCH_OPTIONS, commonTermMinimum: 2 };
    const windows = new SearchIndex(corpus.articles, { search });
    const sentences = new SearchIndex(corpus.articles, { search, chunk: { windowSize: 1, stride: 1 } });
    for (const question of ['Putin marathon', 'Kursk troops losses', 'Assad Moscow asylum Syria']) {
      const words = new Set(analyze(question));
      const { passages: all, termWeights } = windows.search(question, 10_000);
      expect([...termWeights.keys()].sort(), question).toEqual([...words].sort());
      const wordsIn = (i: number) =>
        new Set(windows.sentenceTerms(seed.id, i).filter((term) => words.has(term)));
      const own = new Map(sentences.search(question, 10_000).passages.map((hit) => [hit.passage.first, hit]));
      const starts = all.map((hit) => hit.passage.first);
      expect(new Set(starts).size, question).toBe(starts.length);
      const expected = new Set<number>();
      for (const first of own.keys())
        for (let start = Math.max(0, first - 2); start <= first; start++)
          if (start < seedSentences.length - 2 || start === Math.max(0, seedSentences.length - 3))
            expected.add(start);
      expect(
        [...starts].sort((a, b) => a - b),
        question,
      ).toEqual([...expected].sort((a, b) => a - b));
      let covering = 0;
      for (const hit of all) {
        let sum = 0;
        const covered = new Set<string>();
        for (let i = hit.passage.first; i <= hit.passage.last; i++) {
          const inSentence = wordsIn(i);
          for (const word of inSentence) covered.add(word);
          const single = own.get(i);
          if (single) sum += (single.score - single.titleScore) / inSentence.size;
        }
        // Words in different sentences of the window: counted together only at the window.
        const most = Math.max(
          ...Array.from(
            { length: hit.passage.last - hit.passage.first + 1 },
            (_, k) => wordsIn(hit.passage.first + k).size,
          ),
        );
        if (covered.size > most) covering++;
        expect(hit.score, `${question} @${hit.passage.first}`).toBeCloseTo(
          hit.titleScore + sum * covered.size,
          9,
        );
      }
      expect(covering, question).toBeGreaterThan(0);
    }
  });

  it('weighs the question’s own terms fully and typo matches less', () => {
    const { termWeights } = index.search('soverign Kremlin');
    expect(termWeights.get('kremlin')).toBe(1);
    expect(termWeights.get('sovereign')).toBeLessThan(1);
  });

  it('reads every posting of every term, however common: the same windows match as in MiniSearch alone', () => {
    // With every term in more than one sentence packed, and with none packed, a search reads every
    // posting either way, so the same windows match (their scores differ a little: MiniSearch
    // normalises by the length of what it holds). A budget of postings used to drop the commonest
    // terms, and with them a third of the answers at 10,000 articles.
    const packed = new SearchIndex(corpus.articles, {
      search: { ...DEFAULT_SEARCH_OPTIONS, commonTermMinimum: 1 },
    });
    const unpacked = new SearchIndex(corpus.articles, {
      search: { ...DEFAULT_SEARCH_OPTIONS, commonTermMinimum: Number.POSITIVE_INFINITY },
    });
    const windows = (question: string, from: SearchIndex) =>
      from
        .search(question, 1000)
        .passages.map((hit) => hit.passage.first)
        .sort((a, b) => a - b);
    for (const question of ['Putin marathon', 'what did Putin say about Trump', 'Kursk troops losses']) {
      expect(windows(question, packed), question).toEqual(windows(question, unpacked));
    }
    // Windows that match only the common word count too.
    expect(windows('Putin marathon', packed).length).toBeGreaterThan(5);
  });
});

describe('CommonTermPostings', () => {
  it('lists each sentence containing a common term once, ascending, as a scan of the terms would', () => {
    const builder = new SentenceTermsBuilder();
    const sentences = [[1, 2, 1], [3], [2, 2, 4], [], [1, 4]];
    for (const ids of sentences) builder.add(ids);
    const terms = builder.build();
    const postings = runToEnd(
      CommonTermPostings.build(
        terms,
        new Map([
          [1, 2],
          [2, 2],
        ]),
        (count, length) => count * 10 + length,
      ),
    );
    expect([...postings.sentencesWith(1)]).toEqual([0, 4]);
    expect([...postings.sentencesWith(2)]).toEqual([0, 2]);
    // Each posting's term-frequency part, from the term's count in the sentence and its length.
    expect([...postings.frequenciesOf(1)]).toEqual([2 * 10 + 3, 1 * 10 + 2]);
    expect([...postings.frequenciesOf(2)]).toEqual([1 * 10 + 3, 2 * 10 + 3]);
    expect(postings.has(4)).toBe(false);
    expect([...postings.sentencesWith(4)]).toEqual([]);
    expect([...postings.frequenciesOf(4)]).toEqual([]);
  });

  it('finds the same best passages whether a term’s postings are packed or in MiniSearch', () => {
    const packed = new SearchIndex(corpus.articles, {
      search: { ...DEFAULT_SEARCH_OPTIONS, commonTermMinimum: 0 },
    });
    const inMiniSearch = new SearchIndex(corpus.articles, {
      search: { ...DEFAULT_SEARCH_OPTIONS, commonTermMinimum: Number.POSITIVE_INFINITY },
    });
    for (const question of [
      'Assad Moscow asylum',
      'press conference',
      'front line every day',
      'Woodward calls',
    ]) {
      const best = (from: SearchIndex) => from.search(question).passages[0]?.passage;
      expect(best(packed), question).toEqual(best(inMiniSearch));
    }
  });
});

describe('TopWindows', () => {
  it('keeps the best k, best first, ties by lower key, as sorting all of them would', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(50), fc.integer({ min: 0, max: 8 })), { maxLength: 60 }),
        fc.integer({ min: 1, max: 12 }),
        (offers, limit) => {
          const distinct = [...new Map(offers).entries()];
          const top = new TopWindows(limit);
          for (const [key, score] of distinct) top.offer(key, score);
          const expected = [...distinct].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, limit);
          expect(top.keys).toEqual(expected.map(([key]) => key));
          expect(top.scores).toEqual(expected.map(([, score]) => score));
        },
      ),
    );
  });
});
