import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { answer } from '../../src/answer/answer.js';
import { partsOfSpeechOf } from '../../src/answer/answerType.js';
import { givenEvents, onlyNegates } from '../../src/answer/negatedEvent.js';
import { buildEngine } from '../../src/engine.js';
import { analyzeWord } from '../../src/search/analyzer.js';

const events = (question: string) => givenEvents(question, () => partsOfSpeechOf(question));
const forms = (...words: string[]) => new Set(words.map((word) => analyzeWord(word) ?? ''));

describe('events a question takes as given', () => {
  it('are the content verbs of a wh-question', () => {
    expect(events('so when did russia finally capture kyiv')).toEqual(['capture']);
    expect(events('what did putin and assad discuss when they met in moscow')).toEqual(['discuss', 'met']);
    // "take" names no event of its own.
    expect(events('How long did it take Russian forces to seize Kyiv?')).toEqual(['seize']);
  });

  it('are none for a yes/no, negative, since-when or what-was-said question', () => {
    for (const question of [
      'did russia capture kyiv',
      'why did russia fail to capture kyiv',
      "why hasn't putin met assad",
      'how long since putin last spoke to trump',
      'what did putin say about advancing 100 meters',
      'what did zelenskyy admit about recapturing land',
    ])
      expect(events(question), question).toEqual([]);
  });
});

describe('a text that only negates an event', () => {
  it('says it every time under "not", "n’t", "never", "failed to"', () => {
    expect(onlyNegates('Russian forces failed to capture the capital Kyiv.', forms('capture'))).toBe(true);
    expect(
      onlyNegates('“I haven’t met with President Assad since his arrival in Moscow.”', forms('met')),
    ).toBe(true);
    expect(onlyNegates('They have not yet met.', forms('met'))).toBe(true);
  });

  it('is not one that also says it happened, or does not say it at all', () => {
    expect(onlyNegates('They failed to capture Kyiv, then captured Kharkiv.', forms('capture'))).toBe(false);
    expect(onlyNegates('Russian forces captured the town.', forms('capture'))).toBe(false);
    expect(onlyNegates('I don’t know when we will meet.', forms('meet'))).toBe(false);
    expect(onlyNegates('Nothing about it here.', forms('capture'))).toBe(false);
  });
});

describe('a question that takes one of its events as given', () => {
  it('is not answered directly by a passage that says that one did not happen, whatever the others', async () => {
    const { index } = await buildEngine(fileURLToPath(new URL('../../corpus/', import.meta.url)));
    // The passage has Assad's "arrival" as a fact, and the meeting only as one that has not happened.
    const result = answer(index, 'Where did Putin meet Assad after Assad arrived in Moscow?');
    expect(result).toMatchObject({ answered: true, match: 'related', because: 'did-not-happen' });
    expect(result.excerpts[0]?.text).toContain('I haven’t met with President Assad since his arrival');
    // Asked without the other event, as before.
    expect(answer(index, 'Where did Putin meet Assad in Moscow?')).toMatchObject({
      because: 'did-not-happen',
    });
  });
});
