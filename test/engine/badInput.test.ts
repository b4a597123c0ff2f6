import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { answer } from '../../src/answer/answer.js';
import { explainAbstention } from '../../src/answer/explain.js';
import type { AbstainReason } from '../../src/answer/types.js';
import { buildEngine } from '../../src/engine.js';
import { BROWN_STORIES, brownStory } from '../../src/eval/brownStory.js';
import { SearchIndex } from '../../src/search/searchIndex.js';
import { normalizeQuestion } from '../../src/text/normalize.js';

const { index, corpus, quotes } = await buildEngine(fileURLToPath(new URL('../../corpus/', import.meta.url)));
// The people the bot reads descriptions by ("the incoming US leader" → Trump), as it asks.
const people = quotes.speakers();
const library = new SearchIndex([...corpus.articles, ...BROWN_STORIES.map(brownStory)], {
  synonyms: corpus.synonyms,
});
const PLAIN = 'Will Putin meet Trump?';
const plainBest = answer(index, PLAIN).excerpts[0];
const seedText = [...index.sentences.values()]
  .flat()
  .map((sentence) => sentence.text)
  .join(' ');

describe('answer', () => {
  describe('bad input', () => {
    it('says the library is empty, not that it does not mention the question’s words', () => {
      const result = answer(new SearchIndex([]), PLAIN);

      expect(result).toMatchObject({ answered: false, reason: 'no-articles', excerpts: [] });
      expect(explainAbstention(result)).toBe(
        'This library has no articles yet: a moderator can add one with /library add.',
      );
    });

    it.each<[string, string, AbstainReason]>([
      ['empty', '', 'empty'],
      ['only whitespace', '  \n\t\u00a0 ', 'empty'],
      ['only punctuation', '?!?! ... —', 'empty'],
      ['only emoji', '🤔🔥👀 🇺🇦', 'empty'],
      ['only control characters', '\u0000\u0007\u0008\u001f\u007f', 'empty'],
      ['only lone surrogates', '\uDFFF\uD800', 'empty'],
      ['6,000 characters of real text', seedText.repeat(3).slice(0, 6000), 'too-long'],
      ['6,000 null characters', '\u0000'.repeat(6000), 'empty'],
      ['only stop words', 'What is it?', 'no-content-words'],
      ['only question words', 'who what when where why how', 'no-content-words'],
      ['only a mention of everyone', '@everyone', 'no-content-words'],
      ['a script tag', '<script>alert("pwned")</script>', 'not-in-corpus'],
      ['a language the corpus is not in', 'Путин встретится с Трампом?', 'not-in-corpus'],
    ])('returns no excerpt and a clear reason when the question is %s', (_label, question, reason) => {
      const result = answer(index, question);

      expect(result).toMatchObject({ answered: false, reason, excerpts: [], total: 0 });
      expect(explainAbstention(result)).toMatch(/^[A-Z].+\.$/);
    });

    it('says how long a question may be when it is 6,000 characters long', () => {
      const result = answer(index, seedText.repeat(3).slice(0, 6000));

      expect(explainAbstention(result)).toBe('That question is too long: keep it under 1,000 characters.');
    });

    it('answers a question of exactly the longest accepted length, and refuses one character more', () => {
      const padded = `${PLAIN} ${'Putin '.repeat(200)}`.slice(0, 1000);

      expect(answer(index, padded).answered).toBe(true);
      expect(answer(index, `${padded}x`).reason).toBe('too-long');
    });

    it.each([
      ['emoji around it', `🤔 ${PLAIN} 🔥`],
      ['control characters between its words', 'Will\u0000Putin\u0007meet\u001fTrump?'],
      ['a right-to-left override', `\u202E${PLAIN}\u202C`],
      ['zero-width spaces and joiners', `Will \u200bPutin\u200d meet \uFEFFTrump?`],
      ['zalgo combining marks', 'W̴i̷l̸l̵ P̶u̶t̶i̶n̶ m̷e̷e̷t̷ T̸r̸u̸m̸p̸?'],
      ['Discord markdown', '> **Will** _Putin_ ~~meet~~ ||`Trump`||?'],
      ['a mention of everyone', `@everyone ${PLAIN}`],
      ['a user mention', `<@123456789012345678> ${PLAIN}`],
      ['a lone surrogate', `${PLAIN}\uD800`],
      ['full-width letters', 'Ｗｉｌｌ Ｐｕｔｉｎ ｍｅｅｔ Ｔｒｕｍｐ？'],
    ])('returns the same best passage as the plain question when it has %s', (_label, question) => {
      const result = answer(index, question);

      expect(result.answered).toBe(true);
      expect(result.missing).toEqual([]);
      expect(result.excerpts[0]?.text).toBe(plainBest?.text);
    });

    it('echoes the question without control, invisible or bidi characters', () => {
      const result = answer(index, '\u202EWill\u0000 Putin\u200b meet\r\nTrump?\u0007');

      expect(result.question).toBe('Will Putin meet Trump?');
    });

    it.each([
      ['the seed article', index],
      ['the seed and the Brown stories', library],
    ])('returns a well-formed answer from %s and never throws, whatever the question', (_, searchable) => {
      const corpusWord = fc.constantFrom(
        'Putin',
        'Trump',
        'meet',
        'Kyiv',
        'news conference',
        'the',
        'what',
        '100-200-300',
        // What asks about the articles themselves (see lead.ts).
        'tldr',
        'about',
        'who wrote',
        'link',
        // Descriptions of people, answer types, page furniture (see roleNames.ts, answerType.ts, judge.ts).
        'the incoming',
        'president-elect',
        'Kremlin boss',
        'us',
        'prez',
        'what date',
        'percent',
        'how often',
        'credited photo',
        'newsletter',
        'sit down with',
      );
      const oddity = fc.constantFrom(
        '\uD800',
        '\uDFFF',
        '\u202E',
        '\u200b',
        '\u0000',
        '\u0336',
        '@everyone',
        '**',
        '<@1>',
        '\n',
        '🇺🇦',
      );
      // Any code point, lone surrogates included (fc.string's 'binary' unit leaves those out).
      const anyCodePoint = fc
        .integer({ min: 0, max: 0x10ffff })
        .map((codePoint) => String.fromCodePoint(codePoint));
      const unit = fc.oneof(
        corpusWord,
        oddity,
        fc.string({ unit: anyCodePoint, minLength: 1, maxLength: 3 }),
      );
      const question = fc.array(unit, { maxLength: 25 }).map((units) => units.join(' '));
      const reasons: readonly (AbstainReason | undefined)[] = [
        'empty',
        'too-long',
        'no-content-words',
        'not-in-corpus',
        'small-talk',
      ];

      fc.assert(
        fc.property(question, (input) => {
          const result = answer(searchable, input, { people: () => people });

          expect(result.question).toBe(normalizeQuestion(input));
          expect(result.answered).toBe(result.excerpts.length > 0);
          if (result.answered) {
            expect(result.reason).toBeUndefined();
          } else {
            expect(reasons).toContain(result.reason);
            expect(explainAbstention(result)).not.toBe('');
          }
          for (const word of result.missing) expect(result.question).toContain(word);
          for (const excerpt of result.excerpts) {
            expect(excerpt.text.length).toBeLessThanOrEqual(500);
            expect(searchable.articles.has(excerpt.articleId)).toBe(true);
          }
          // Ranking across articles never shows one passage twice.
          const shown = result.excerpts.map((excerpt) => `${excerpt.articleId} ${excerpt.text}`);
          expect(new Set(shown).size).toBe(shown.length);
        }),
        { numRuns: 300 },
      );
    });
  });
});
