import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { answer } from '../../src/answer/answer.js';
import { askedType } from '../../src/answer/answerType.js';
import { explainAbstention } from '../../src/answer/explain.js';
import type { Excerpt } from '../../src/answer/types.js';
import type { Article } from '../../src/corpus/article.js';
import { buildEngine } from '../../src/engine.js';
import { BROWN_STORIES, brownStory } from '../../src/eval/brownStory.js';
import type { Sentence } from '../../src/search/chunk.js';
import { SearchIndex } from '../../src/search/searchIndex.js';
import { articleOf } from '../quotes/helpers.js';

const engine = await buildEngine(fileURLToPath(new URL('../../corpus/', import.meta.url)));
const { index } = engine;
const SEED_ID = '2024-12-19-putin-says-he-will-meet-trump';
const seedSentences = index.sentences.get(SEED_ID) as readonly Sentence[];
const seedQuestions = JSON.parse(
  await readFile(new URL('../fixtures/seed-questions.json', import.meta.url), 'utf8'),
) as { answerable: { question: string }[] };

/** A library of the seed article and these, with the corpus's synonyms, as the bot builds one. */
function seedLibraryWith(...others: readonly Article[]): SearchIndex {
  return new SearchIndex([...engine.corpus.articles, ...others], { synonyms: engine.corpus.synonyms });
}

/**
 * The run of the article's sentences that the excerpt reproduces word for word (paragraph breaks as
 * newlines), or undefined when it is not a run of whole sentences.
 */
function sentenceRun(excerpt: Excerpt): { first: number; last: number } | undefined {
  const text = excerpt.text.replace(/\n/g, ' ');
  for (let first = 0; first < seedSentences.length; first++) {
    let joined = '';
    for (let last = first; last < seedSentences.length && joined.length < text.length; last++) {
      joined += (last > first ? ' ' : '') + (seedSentences[last]?.text ?? '');
      if (joined === text) return { first, last };
    }
  }
  return undefined;
}

function paragraphsOfRun(run: { first: number; last: number }): number[] {
  return [...new Set(seedSentences.slice(run.first, run.last + 1).map((sentence) => sentence.paragraph))];
}

describe('answer', () => {
  describe('ranking on the seed article', () => {
    it.each([
      // Putin's own words before the sub-headline that repeats the title (see "prefers the body's own
      // words" in understanding.test.ts).
      ['Will Putin meet Trump?', [5, 6], 'I will be ready for a meeting if he wants it'],
      [
        "Why doesn't Putin know when the meeting will happen?",
        [5, 6],
        'Because he hasn’t said anything about it',
      ],
      ['Is Russia in a weaker negotiating position now?', [7], 'Russia has become much stronger'],
      ['What kind of country does Putin say Russia is becoming?', [7, 9], 'a truly sovereign country'],
      ['Woodward book', [10], 'veteran journalist Bob Woodward in a recent book'],
      [
        "How many meters did Putin say they're not talking about advancing?",
        // ¶13 opens "He continued:"; ¶11 names him.
        [11, 12, 13],
        'advancing 100-200-300 meters',
      ],
      ['Did Russian forces capture Kyiv?', [16, 17], 'Russian forces failed to capture the capital Kyiv'],
      [
        'Are Ukrainian forces still in the Kursk region?',
        [16, 17],
        'Ukrainian forces remain in the Kursk region',
      ],
      ['Where have Assad and his family gone?', [18, 19], 'have since sought refuge in Moscow'],
      [
        'What does the annual event give the Kremlin leader?',
        [20],
        'a platform to showcase his main talking points',
      ],
      ['How long do the marathon sessions last?', [21], 'have lasted well over four hours'],
    ])('returns first, for "%s", the passage of ¶%j containing "%s"', (question, paragraphs, expected) => {
      const [best] = answer(index, question).excerpts;

      expect(best?.paragraphs).toEqual(paragraphs);
      expect(best?.text).toContain(expected);
    });

    it('returns every matching passage in order of relevance when asked "Assad Moscow"', () => {
      const result = answer(index, 'Assad Moscow', { limit: 15 });

      expect(result.excerpts.map((excerpt) => [excerpt.paragraphs, excerpt.matchedWords])).toEqual([
        [
          [18, 19],
          ['assad', 'moscow'],
        ],
        [[11], ['moscow’s']],
      ]);
      expect(result.total).toBe(2);
    });

    it('returns the article, title, url, publisher and date with every excerpt', () => {
      const [best] = answer(index, 'Will Putin meet Trump?').excerpts;

      expect(best).toMatchObject({
        articleId: SEED_ID,
        title: "'I will be ready': Putin says he will meet Trump",
        url: 'https://itv.com/news/2024-12-19/i-will-be-ready-putin-says-he-will-meet-trump',
        publisher: 'ITV News',
        published: '2024-12-19',
      });
    });
  });

  describe('questions that rephrase the article', () => {
    it('answers "press conference" with the passage about the news conference', () => {
      const result = answer(index, 'what day was the press conference');

      expect(result).toMatchObject({ answered: true, missing: [] });
      expect(result.excerpts[0]?.text).toContain('an annual news conference on Thursday');
      expect(result.excerpts[0]?.matchedWords).toEqual(expect.arrayContaining(['news', 'conference']));
    });

    it('answers "spoke" with the passage that says "spoken"', () => {
      const result = answer(index, 'How long has it been since Putin spoke to Trump?');

      expect(result).toMatchObject({ answered: true, missing: [] });
      expect(result.excerpts[0]?.text).toContain('spoken to him at all in over four years');
      expect(result.excerpts[0]?.matchedWords).toContain('spoken');
    });

    it.each([
      [
        'is the frontline moving every day or what',
        'front line',
        'Movement is going on along the entire front line',
      ],
      ["what's the war like in eastern ukraine", 'east', 'the war in the east of Ukraine'],
      ['What did Zelensky acknowledge?', 'Zelenskyy', 'President Volodymyr Zelenskyy acknowledged'],
      [
        'What does the annual event give the Kremiln leader?',
        'Kremlin',
        'gives the Kremlin leader a platform',
      ],
    ])('does not call "%s" missing when the article says %s', (question, _as, passage) => {
      const result = answer(index, question);

      expect(result.excerpts[0]?.text).toContain(passage);
      expect(result.missing).toEqual([]);
    });
  });

  describe('abstention', () => {
    it('returns no excerpt and names the missing word when asked "What is the capital of Australia?"', () => {
      const result = answer(index, 'What is the capital of Australia?');

      expect(result).toEqual({
        question: 'What is the capital of Australia?',
        answered: false,
        reason: 'not-in-corpus',
        excerpts: [],
        total: 0,
        offset: 0,
        missing: ['Australia'],
        // …and says what the library does cover.
        covers: ["'I will be ready': Putin says he will meet Trump"],
      });
      expect(explainAbstention(result)).toBe(
        `The corpus doesn’t mention “Australia”, so it can’t answer that. It covers “'I will be ready': Putin says he will meet Trump”.`,
      );
    });

    it('offers related passages, not a refusal, when a missing name only qualifies a word the article has', () => {
      // "the US president-elect" is the article's "President Trump"; the engine cannot know that, so
      // the closest passages come hedged, never as a direct answer.
      for (const question of [
        'Is the Russian head of state willing to sit down with the US president-elect anytime?',
        'What did the Russian head of state promise the incoming American leader?',
        'What did the French president say about Putin?',
      ])
        expect(answer(index, question), question).toMatchObject({ answered: true, match: 'related' });
      // A name that qualifies nothing the article has is still what the question is about.
      expect(answer(index, 'What did the US say?').answered).toBe(false);
    });

    it("finds the article's Kyiv for a question's Kiev, as the bundled synonyms file says", () => {
      const result = answer(index, 'did russia fail to take kiev');
      expect(result).toMatchObject({ answered: true, match: 'direct', missing: [] });
      expect(result.excerpts[0]?.text).toContain('capture the capital Kyiv');
    });

    it('reads "US" in capitals as the country, which the article never names, and "us" as a stop word', () => {
      const result = answer(index, 'What did the US say?');

      expect(result).toMatchObject({ answered: false, reason: 'not-in-corpus', missing: ['US'] });
      // "tell", like "say", frames a question about what someone said rather than naming its subject.
      const told = answer(index, 'What did Putin tell us about Assad?');
      expect(told).toMatchObject({ answered: true, missing: [] });
      expect(told.excerpts[0]?.text).toContain('I haven’t met with President Assad');
    });

    it('says what a library of several articles covers, the closest to the question first', () => {
      const library = new SearchIndex([...engine.corpus.articles, ...BROWN_STORIES.map(brownStory)]);
      const result = answer(library, 'what did the grand jury say about bitcoin');

      expect(result).toMatchObject({ answered: false, reason: 'not-in-corpus', missing: ['bitcoin'] });
      expect(result.covers?.[0]).toMatch(/^The Fulton County Grand Jury said Friday/);
      expect(result.covers).toHaveLength(new Set(result.covers).size);
    });

    it('names the newest articles when no passage matches any word, stories of one date as added', () => {
      // The seed (2024) added last; the Brown stories share a date, so they keep the library's order.
      const stories = BROWN_STORIES.map(brownStory);
      const library = new SearchIndex([...stories, ...engine.corpus.articles]);
      const result = answer(library, 'zqxvw blorptang');

      expect(result).toMatchObject({ answered: false, reason: 'not-in-corpus' });
      expect(result.covers).toEqual(
        [
          engine.corpus.articles[0]?.title,
          ...stories.filter((story) => story.published === stories[0]?.published).map((story) => story.title),
        ].slice(0, 3),
      );
    });

    it('ranks an article’s passages by the article’s own words, whatever else the library holds', () => {
      // In a library of five stories, "Putin" and "Trump" are rarer than in the seed alone, and once
      // pulled these questions to the headline; within the article they are its commonest names.
      const library = seedLibraryWith(...BROWN_STORIES.map(brownStory));
      for (const question of [
        'did putin talk to trump recently?',
        'putin presser length',
        'How has the fighting in the eastern part of the country been characterised?',
      ]) {
        const alone = answer(index, question).excerpts[0];
        const among = answer(library, question).excerpts[0];
        expect(among?.articleId, question).toBe(alone?.articleId);
        expect(among?.paragraphs, question).toEqual(alone?.paragraphs);
      }
    });

    it('judges a word the library lacks close to a passage only through a word of the passage’s own article', () => {
      // WordNet gives "startup" as a synonym of "inauguration" (the act of starting). Once another
      // article said "startup", a passage naming Putin and Trump answered this directly.
      const startup = articleOf(
        [
          'Local startup raises funds',
          'A software startup in the city said on Monday it had raised two million dollars from investors.',
        ],
        'startup-funds',
      );
      const library = seedLibraryWith(startup);
      for (const question of [
        "will putin attend trump's inauguration",
        'is putin gonna go to trumps inauguration or nah',
      ]) {
        expect(answer(index, question).match, question).toBe('related');
        expect(answer(library, question).match, question).toBe('related');
      }
    });

    it('answers directly only from an article that names the country the question names', () => {
      // Another article's square kilometres of forest are not the ground Russia took.
      const forest = articleOf(
        [
          'Forest loss slows',
          'Between 1991 and 2000, the total area of forest lost rose from 415,000 to 587,000 square kilometres this year.',
        ],
        'forest-loss',
      );
      const library = seedLibraryWith(forest);
      const asked = answer(library, 'how many square kilometres has russia taken this year');
      const fromForest = asked.excerpts.filter((excerpt) => excerpt.articleId === 'forest-loss');
      expect(fromForest.length).toBeGreaterThan(0);
      expect(fromForest.every((excerpt) => excerpt.match === 'related')).toBe(true);
      // Its people or its capital will do: the seed article says "Russian forces" and "Moscow".
      expect(
        answer(library, 'how many meters are the russian forces taking').excerpts[0]?.articleId,
      ).not.toBe('forest-loss');
    });

    it('ranks a passage from an article naming the country asked about above one that never does', () => {
      // Another article's ruler ended up somewhere too, in more of the question's words.
      const dynasty = articleOf(
        ['The last emperor flees', 'Where the old ruler ended up, his relatives followed.'],
        'dynasty',
      );
      const library = seedLibraryWith(dynasty, ...BROWN_STORIES.map(brownStory));
      const asked = answer(library, 'where did the toppled syrian ruler and his relatives end up');
      expect(asked.excerpts[0]?.articleId).not.toBe('dynasty');
      expect(asked.excerpts[0]?.text).toContain('sought refuge in Moscow');
    });

    it('shows another article’s best passage on the first page when it is nearly as close', () => {
      // The Frankford El story talks of city pensions too; the Fulton jury's report is the one asked about.
      const library = seedLibraryWith(...BROWN_STORIES.map(brownStory));
      const page = answer(
        library,
        'what did the panel suggest about retirement benefits for municipal workers',
      );

      expect(page.excerpts[0]?.articleId).toBe('brown-ca09-frankford-el');
      expect(page.excerpts.map((excerpt) => excerpt.articleId)).toContain('brown-ca01-fulton-jury');
    });

    it('names every missing word as the question wrote it', () => {
      const result = answer(index, 'Who won the World Cup?');

      expect(result.answered).toBe(false);
      expect(result.missing).toEqual(['won', 'World', 'Cup']);
      expect(explainAbstention(result)).toMatch(
        /^The corpus doesn’t mention “won”, “World” and “Cup”, so it can’t answer that\. It covers /,
      );
    });

    it('never answers from page furniture, because furniture is never indexed', () => {
      // Words of the seed's newsletter and podcast promotions (¶8, ¶22). The article does name ITV, so
      // the podcast question gets the closest passages, labelled as such, and none of them the promotion.
      const podcast = answer(index, 'Does ITV have a podcast?');
      expect(podcast).toMatchObject({ match: 'related', missing: ['podcast'] });
      expect(podcast.excerpts.map((excerpt) => excerpt.text).join(' ')).not.toMatch(/podcast/i);
      expect(answer(index, 'exclusive and original coverage')).toMatchObject({
        answered: false,
        missing: ['exclusive', 'original', 'coverage'],
      });
      // "newsletter" is not "news" plus a short ending: the news-conference passages don't answer it.
      const newsletter = answer(index, 'Is there a weekly newsletter?');
      expect(newsletter).toMatchObject({ match: 'related', missing: ['newsletter'] });
      expect(newsletter.excerpts.map((excerpt) => excerpt.text).join(' ')).not.toMatch(/newsletter/i);
    });

    it('counts inflected stop words as stop words, not as missing words', () => {
      const result = answer(index, 'What kinds of issues does Putin address?');
      expect(result.answered).toBe(true);
      expect(result.missing).toEqual([]);
      expect(result.excerpts[0]?.paragraphs).toContain(20);
    });
  });

  describe('excerpts', () => {
    const answers = seedQuestions.answerable.map(({ question }) => answer(index, question, { limit: 15 }));
    const excerpts = answers.flatMap((result) => result.excerpts);

    it('returns excerpts of whole, consecutive sentences of at most 500 characters', () => {
      expect(excerpts.length).toBeGreaterThan(150);
      for (const excerpt of excerpts) {
        const run = sentenceRun(excerpt);

        expect(run, excerpt.text).toBeDefined();
        expect(excerpt.text.length).toBeLessThanOrEqual(500);
      }
    });

    it('returns the paragraph numbers of the file, a newline between paragraphs', () => {
      for (const excerpt of excerpts) {
        const run = sentenceRun(excerpt);
        if (run === undefined) throw new Error(`not whole sentences: ${excerpt.text}`);

        expect(excerpt.paragraphs).toEqual(paragraphsOfRun(run));
        expect(excerpt.text.split('\n')).toHaveLength(excerpt.paragraphs.length);
      }
    });

    it('never returns two excerpts that share a sentence, across all pages of one question', () => {
      for (const result of answers) {
        const used = new Map<number, string>();
        for (const excerpt of result.excerpts) {
          const run = sentenceRun(excerpt);
          if (run === undefined) throw new Error(`not whole sentences: ${excerpt.text}`);
          for (let i = run.first; i <= run.last; i++) {
            expect(used.get(i), `${result.question}: sentence ${i} twice`).toBeUndefined();
            used.set(i, excerpt.text);
          }
        }
      }
    });

    it('completes an excerpt with an overlapping window of the same paragraphs, while both fit in 500 characters', () => {
      // The window of ¶5–6 ends before Putin's last sentence; the next window, which holds it, merges in.
      const result = answer(index, 'Will Putin meet Trump?', { limit: 15 });
      const reply = result.excerpts.find((excerpt) => excerpt.paragraphs.includes(5));

      expect(reply?.text).toContain('President Trump when we meet');
      expect(reply?.text).toContain('I will be ready for a meeting if he wants it');
      expect(reply?.paragraphs).toEqual([5, 6]);
    });

    it('keeps overlapping windows apart, without repeating a sentence, when together they exceed the limit', () => {
      for (const { question } of seedQuestions.answerable) {
        const result = answer(index, question, { limit: 15, maxExcerptChars: 200 });
        const used = new Set<number>();
        for (const excerpt of result.excerpts) {
          const run = sentenceRun(excerpt);
          if (run === undefined) continue; // one long sentence cut around its matches
          expect(excerpt.text.length <= 200 || run.first === run.last, excerpt.text).toBe(true);
          for (let i = run.first; i <= run.last; i++) {
            expect(used.has(i), `${question}: sentence ${i} twice`).toBe(false);
            used.add(i);
          }
        }
      }
    });

    it('returns excerpts best first (for "how many", those with the number first) and is direct only when the first excerpt is', () => {
      for (const result of answers) {
        const counts = ['number', 'age'].includes(askedType(result.question) ?? '');
        for (const group of counts ? (['direct', 'related'] as const) : [undefined]) {
          const scores = result.excerpts
            .filter((excerpt) => group === undefined || excerpt.match === group)
            .map((excerpt) => excerpt.score);
          expect(scores).toEqual([...scores].sort((a, b) => b - a));
        }
        if (counts) {
          const matches = result.excerpts.map((excerpt) => excerpt.match);
          expect(matches).toEqual(
            [...matches].sort((a, b) => Number(a === 'related') - Number(b === 'related')),
          );
        }
        if (result.answered) expect(result.match).toBe(result.excerpts[0]?.match);
      }
    });

    it('returns highlights that lie exactly on the matched words, in order, each matched word highlighted', () => {
      for (const excerpt of excerpts) {
        let previousEnd = 0;
        const highlighted = new Set<string>();
        for (const [start, end] of excerpt.highlights) {
          const word = excerpt.text.slice(start, end);

          expect(start).toBeGreaterThanOrEqual(previousEnd);
          expect(excerpt.matchedWords).toContain(word.toLowerCase());
          expect(excerpt.text[start - 1] ?? ' ').toMatch(/[^\p{L}\p{N}]/u);
          expect(excerpt.text[end] ?? ' ').toMatch(/[^\p{L}\p{N}]/u);
          highlighted.add(word.toLowerCase());
          previousEnd = end;
        }
        expect([...highlighted].sort()).toEqual([...excerpt.matchedWords].sort());
        expect(excerpt.highlights.length).toBeGreaterThan(0);
      }
    });

    it('returns the next excerpts of the same list when given an offset', () => {
      const all = answer(index, 'putin trump', { limit: 15 });
      const second = answer(index, 'putin trump', { limit: 2, offset: 2 });

      expect(all.total).toBeGreaterThan(3);
      expect(second.total).toBe(all.total);
      expect(second.offset).toBe(2);
      expect(second.excerpts.map((excerpt) => excerpt.text)).toEqual(
        all.excerpts.slice(2, 4).map((excerpt) => excerpt.text),
      );
    });

    it('returns a sentence longer than the limit cut at words around the match, the cuts marked with …', () => {
      const [best] = answer(index, 'What does the annual event give the Kremlin leader?', {
        maxExcerptChars: 120,
      }).excerpts;
      const sentence = seedSentences.find((candidate) => candidate.paragraph === 20)?.text ?? '';

      expect(best?.text).toMatch(/^….*…$/);
      expect(best?.text.length).toBeLessThanOrEqual(120);
      expect(best?.text).toContain('the Kremlin leader');
      const inner = best?.text.slice(1, -1) ?? '';
      expect(sentence).toContain(inner);
      // Cut at word boundaries: the letters either side of the cut are not part of the excerpt's words.
      const at = sentence.indexOf(inner);
      expect(sentence[at - 1]).toMatch(/\s/);
      expect(sentence[at + inner.length]).toMatch(/\s/);
    });
  });
});
