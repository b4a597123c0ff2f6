import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { answer } from '../../src/answer/answer.js';
import { explainReading } from '../../src/answer/explain.js';
import { RoleNames } from '../../src/answer/roleNames.js';
import type { Answer } from '../../src/answer/types.js';
import { PLAIN_STYLE, renderAnswer } from '../../src/cli/renderAnswer.js';
import { buildEngine } from '../../src/engine.js';

// The seed article's people as its quote index finds them: "Vladimir Putin", also "the Russian
// president" and "the Kremlin leader"; "Volodymyr Zelenskyy", also "the Ukrainian president".
const { index, quotes } = await buildEngine(fileURLToPath(new URL('../../corpus/', import.meta.url)));
const people = quotes.speakers();
const roles = new RoleNames(people);

describe('descriptions of people read as their names (roleNames.ts)', () => {
  it("reads a description one person answers to as their name, a place's other names counting", () => {
    for (const [question, from, to] of [
      ["what did kyiv's leader acknowledge", "kyiv's leader", 'Zelenskyy'],
      ['how fast does Moscow’s leader say they advance', 'Moscow’s leader', 'Putin'],
      ['did the Russian head of state talk to trump', 'the Russian head of state', 'Putin'],
      ['what did the ukrainian boss concede', 'the ukrainian boss', 'Zelenskyy'],
      ['what did the kremlin chief say', 'the kremlin chief', 'Putin'],
      // "head of X": X describes them as a word before the role does ("the Kremlin leader").
      ['what chance does the event give the head of the Kremlin', 'the head of the Kremlin', 'Putin'],
      ['what did the head of ukraine concede', 'the head of ukraine', 'Zelenskyy'],
    ] as const) {
      const read = roles.read(question);
      expect(read.corrections, question).toEqual([{ from, to, kind: 'person' }]);
      expect(read.text, question).toBe(question.replace(from, to));
    }
  });

  it('leaves the article’s own words, roles of another kind, and people it does not describe so', () => {
    for (const question of [
      'what does the annual event give the Kremlin leader', // the article's words: found as written
      'what did the french president say', // nobody here is described as French
      'what did the russian journalist ask', // a journalist, not a president
      'what did the president say', // which one?
      'what did the russian head coach say', // a coach, not a head of state
      'who is the head of news at itv', // nobody is described as the news leader
    ])
      expect(roles.read(question), question).toEqual({ text: question, corrections: [] });
  });

  it('reads other roles the quote index binds, each only as itself', () => {
    const officials = new RoleNames([
      { name: 'Dmitry Peskov', aliases: ['Dmitry Peskov', 'Peskov', 'the Kremlin spokesman'] },
      { name: 'Andrii Sybiha', aliases: ['Andrii Sybiha', 'Sybiha', 'the Ukrainian foreign minister'] },
    ]);
    expect(officials.read("what did kyiv's foreign minister say").corrections).toEqual([
      { from: "kyiv's foreign minister", to: 'Sybiha', kind: 'person' },
    ]);
    // A minister is no spokesman, and "the Kremlin spokesman" is the article's own phrase.
    expect(officials.read('what did the kremlin minister say').corrections).toEqual([]);
    expect(officials.read('what did the kremlin spokesman say').corrections).toEqual([]);
  });

  it('reads the incoming officeholder as the one an article calls newly elected, not the one in office', () => {
    // The seed's "the newly elected President Trump"; among 53 articles, XQuAD's "the US president" too.
    const library = new RoleNames([
      ...people,
      { name: 'Barack Obama', aliases: ['Barack Obama', 'Obama', 'the US president'] },
    ]);
    for (const [question, from] of [
      [
        'is the russian leader open to sitting down with the incoming american president',
        'the incoming american president',
      ],
      ['what did the kremlin chief say about the incoming US leader', 'the incoming US leader'],
      ['has putin talked to the president-elect lately', 'the president-elect'],
      ['what did the new US president say', 'the new US president'],
      // Chat writes the country in lower case, and the president as "prez".
      ['when did the kremlin boss and the incoming us president last talk', 'the incoming us president'],
      ['what did putin say about meeting the new us prez', 'the new us prez'],
      // A head of state is an office as a president is.
      ['will putin sit down with the incoming American head of state', 'the incoming American head of state'],
    ] as const)
      expect(library.read(question).corrections, question).toContainEqual({
        from,
        to: 'Trump',
        kind: 'person',
      });
    // The one in office is the one in office ("current" says nothing the articles say of him: kept).
    expect(library.read('what did the current US president say')).toEqual({
      text: 'what did the current Obama say',
      corrections: [{ from: 'US president', to: 'Obama', kind: 'person' }],
    });
  });

  it('reads two descriptions apart and keeps the words around them', () => {
    expect(roles.read('kremlin boss president-elect meeting')).toEqual({
      text: 'Putin Trump meeting',
      corrections: [
        { from: 'kremlin boss', to: 'Putin', kind: 'person' },
        { from: 'president-elect', to: 'Trump', kind: 'person' },
      ],
    });
    // "last spoke" says nothing of the president-elect: it stays the question's.
    expect(roles.read('russian leader last spoke president-elect').text).toBe('Putin last spoke Trump');
    // Asked whether Trump is the new president: read as Trump it would ask nothing.
    expect(roles.read('wait is trump actually the new president rn or nah').corrections).toEqual([]);
    // A new coach ("the new boss") in a library with a football story is no newly elected president.
    expect(roles.read('why did the new boss hang up his cleats').corrections).toEqual([]);
  });

  it('reads nothing when two people answer to the description', () => {
    const two = new RoleNames([
      { name: 'Vladimir Putin', aliases: ['Vladimir Putin', 'Putin', 'the Russian president'] },
      { name: 'Dmitry Medvedev', aliases: ['Dmitry Medvedev', 'Medvedev', 'the former Russian president'] },
    ]);
    expect(two.read('what did the russian leader say').corrections).toEqual([]);
  });

  it('answers from the passages about the person the question describes', () => {
    // "Why? Because we are becoming a truly sovereign country…": Putin's words.
    const question = 'what did the russian head of state say about sovereignty';
    expect(answer(index, question).match).toBe('related');
    const read = answer(index, question, { people: () => people });
    expect(read.match).toBe('direct');
    expect(read.excerpts[0]?.text).toContain('truly sovereign country');
    expect(read.corrections).toEqual([{ from: 'the russian head of state', to: 'Putin', kind: 'person' }]);
  });
});

describe('telling the asker how their question was read (explainReading)', () => {
  const answered = (corrections: Answer['corrections']): Answer => ({
    question: 'q',
    answered: true,
    match: 'direct',
    excerpts: [],
    total: 0,
    offset: 0,
    missing: [],
    ...(corrections ? { corrections } : {}),
  });

  it('names misspellings and people read as names, not chat shorthand, at most three', () => {
    expect(explainReading(answered(undefined))).toBe('');
    expect(
      explainReading(
        answered([
          { from: 'gonna', to: 'going to', kind: 'shorthand' },
          { from: 'lol', to: '', kind: 'shorthand' },
          { from: 'putn', to: 'putin', kind: 'spelling' },
          { from: 'the Russian leader', to: 'Putin', kind: 'person' },
        ]),
      ),
    ).toBe('Read “putn” as “putin”, “the Russian leader” as “Putin”.');
    const many = ['aa', 'bb', 'cc', 'dd'].map((from) => ({
      from,
      to: `${from}x`,
      kind: 'spelling' as const,
    }));
    expect(explainReading(answered(many))).toBe(
      'Read “aa” as “aax”, “bb” as “bbx”, “cc” as “ccx”, and more.',
    );
    expect(explainReading({ ...answered(many), answered: false })).toBe('');
  });

  it('shows the reading in the terminal above the passages', () => {
    const text = renderAnswer(
      answer(index, 'what did kyiv’s leader acknowledge', { people: () => people }),
      PLAIN_STYLE,
    );
    expect(text.split('\n')[0]).toBe('Read “kyiv’s leader” as “Zelenskyy”.');
    expect(text).toContain('Zelenskyy acknowledged');
  });
});
