import { describe, expect, it } from 'vitest';
import { QuoteIndex } from '../../src/quotes/quoteIndex.js';
import { articleOf, type TestParagraph } from './helpers.js';

const indexOf = (paragraphs: readonly TestParagraph[]) => new QuoteIndex([articleOf(paragraphs)]);
const aliasesOf = (index: QuoteIndex, name: string) => index.findSpeaker(name)?.aliases;

describe('discoverPeople', () => {
  it('names a person by the fullest form the article uses, with title and description aliases', () => {
    const index = indexOf([
      'Ukrainian President Volodymyr Zelenskyy said the front was “holding”.',
      '“We need more air defence,” Zelenskyy said.',
    ]);
    expect(aliasesOf(index, 'zelenskyy')).toEqual([
      'Volodymyr Zelenskyy',
      'Zelenskyy',
      'President Zelenskyy',
      'President Volodymyr Zelenskyy',
      'the Ukrainian president',
    ]);
    expect(index.listQuotes().map((quote) => quote.speaker)).toEqual([
      'Volodymyr Zelenskyy',
      'Volodymyr Zelenskyy',
    ]);
  });

  it('describes someone by the words of standing before their title ("the newly elected president")', () => {
    const index = indexOf(['“I can offer a lot to the newly elected President Trump,” Putin said.']);
    expect(aliasesOf(index, 'trump')).toContain('the newly elected president');
    expect(aliasesOf(index, 'putin')).not.toContain('the newly elected president');
  });

  it('binds a description in apposition to the name', () => {
    const index = indexOf(['“The talks are over,” said Dmitry Peskov, the Kremlin spokesman.']);
    expect(index.findSpeaker('the Kremlin spokesman')?.name).toBe('Dmitry Peskov');
  });

  it('joins particle names and finds them with or without the particle or accents', () => {
    const index = indexOf([
      'Bashar al-Assad fled to Moscow. Al-Assad and his family have since sought refuge there.',
      '“Syria will rise again,” President Erdoğan said.',
    ]);
    expect(index.findSpeaker('assad')?.name).toBe('Bashar al-Assad');
    expect(index.findSpeaker('Al-Assad')?.name).toBe('Bashar al-Assad');
    expect(index.findSpeaker('erdogan')?.name).toBe('Erdoğan');
  });

  it('completes a name from a caption but never adds a person from furniture alone', () => {
    const index = indexOf([
      '“I will be ready,” Putin said.',
      { furniture: 'Vladimir Putin and Jane Doe Credit: AP' },
    ]);
    expect(index.speakers().map((speaker) => speaker.name)).toEqual(['Vladimir Putin']);
    expect(index.findSpeaker('Jane Doe')).toBeUndefined();
  });

  it('does not take places, organisations or sentence-opening nouns for people', () => {
    const index = indexOf([
      'Russian forces failed to capture the capital Kyiv in the early weeks of the war.',
      'Officials said the talks had “stalled”, ITV News reports.',
      'Also during the conference, Putin said the war was “going well”.',
    ]);
    expect(index.speakers().map((speaker) => speaker.name)).toEqual(['Putin']);
  });

  it('binds a description to the person the sentence before it is about', () => {
    const index = indexOf([
      'Vladimir Putin spoke for four hours on Thursday.',
      'The Kremlin leader said the economy was “growing”.',
    ]);
    expect(index.findSpeaker('the kremlin leader')?.name).toBe('Vladimir Putin');
    expect(index.listQuotes()[0]?.speaker).toBe('Vladimir Putin');
  });

  it('leaves a description unbound when its uses point at different people', () => {
    const index = indexOf([
      'Vladimir Putin spoke on Thursday.',
      'The veteran leader said the talks were “useful”.',
      'President Joe Biden spoke on Friday.',
      'The veteran leader said the talks were “useless”.',
    ]);
    expect(index.findSpeaker('the veteran leader')).toBeUndefined();
    expect(index.listQuotes().map((quote) => quote.speaker)).toEqual(['unattributed', 'unattributed']);
  });

  it('keeps a quote’s id when the article gains a quote before it', () => {
    const before = new QuoteIndex([
      articleOf(['“We are stronger,” Putin said.', '“Talks are possible,” Putin said.']),
    ]);
    const after = new QuoteIndex([
      articleOf([
        '“A new first quote,” Putin said.',
        '“We are stronger,” Putin said.',
        '“Talks are possible,” Putin said.',
      ]),
    ]);
    const idOf = (index: QuoteIndex, text: string) =>
      index.listQuotes().find((quote) => quote.text.startsWith(text))?.id;
    for (const text of ['We are stronger', 'Talks are possible']) {
      expect(idOf(before, text)).toBeDefined();
      expect(idOf(after, text)).toBe(idOf(before, text));
    }
    expect(new Set(after.listQuotes().map((quote) => quote.id)).size).toBe(3);
  });

  it('joins one person across articles under the fullest name any of them uses', () => {
    const index = new QuoteIndex([
      articleOf(['“We are stronger,” Putin said.'], 'a-first'),
      articleOf(['President Vladimir Putin said talks were “possible”.'], 'a-second'),
      articleOf(['Boris Johnson said the deal was “oven ready”.'], 'a-third'),
      articleOf(['Andrew Johnson said it was “nothing of the sort”.'], 'a-fourth'),
    ]);
    expect(index.listQuotes().map((quote) => [quote.id.split(':')[0], quote.speaker])).toEqual([
      ['a-first', 'Vladimir Putin'],
      ['a-second', 'Vladimir Putin'],
      ['a-third', 'Boris Johnson'],
      ['a-fourth', 'Andrew Johnson'],
    ]);
    expect(index.findSpeaker('putin')?.quoteCount).toBe(2);
    expect(index.findSpeaker('Johnson')).toBeUndefined();
  });

  it('keeps apart a surname holding an office the full name never holds, in one article or across articles', () => {
    const within = indexOf([
      'First Lady Jacqueline Kennedy said the music was “splendid”.',
      'President Kennedy told the students they were “extraordinary musicians”.',
    ]);
    expect(within.listQuotes().map((quote) => quote.speaker)).toEqual(['Jacqueline Kennedy', 'Kennedy']);
    const across = new QuoteIndex([
      articleOf(['First Lady Jacqueline Kennedy said the music was “splendid”.'], 'b-first'),
      articleOf(['President Kennedy said the budget was “sound”.'], 'b-second'),
      articleOf(['Russian President Vladimir Putin said talks were “possible”.'], 'b-third'),
      articleOf(['President Putin said the West was “weak”.'], 'b-fourth'),
    ]);
    expect(across.listQuotes().map((quote) => quote.speaker)).toEqual([
      'Jacqueline Kennedy',
      'Kennedy',
      'Vladimir Putin',
      'Vladimir Putin',
    ]);
  });
});
