import { describe, expect, it } from 'vitest';
import { brownSample } from '../../src/eval/brownStory.js';
import { QuoteIndex } from '../../src/quotes/quoteIndex.js';
import { quotesOf, speakersOf } from './helpers.js';

describe('attributeQuotes', () => {
  it('reads "“…,” X said" after the quotation', () => {
    expect(speakersOf(['“We will not retreat,” Kallas said.'])).toEqual(['Kallas']);
  });

  it('reads "“…,” said X" with the name after the verb', () => {
    expect(speakersOf(['“The talks are over,” said Dmitry Peskov, the Kremlin spokesman.'])).toEqual([
      'Dmitry Peskov',
    ]);
  });

  it('reads a colon lead-in: "X replied: “…”"', () => {
    expect(
      speakersOf(['Asked about a ceasefire in Ukraine, Zelensky replied: “We are ready for peace.”']),
    ).toEqual(['Zelensky']);
  });

  it('reads "X told … that “…”" and ignores names inside the quotation', () => {
    expect(
      speakersOf([
        'Macron told reporters in Paris that Europe must “wake up to the danger”.',
        '“I will talk to President Biden tomorrow,” Macron said.',
      ]),
    ).toEqual(['Macron', 'Macron']);
  });

  it('reads "according to X" after or before the quotation', () => {
    expect(
      speakersOf([
        'The deal is “dead in the water”, according to Jens Stoltenberg.',
        'According to Jens Stoltenberg, the alliance is “stronger than ever”.',
      ]),
    ).toEqual(['Jens Stoltenberg', 'Jens Stoltenberg']);
  });

  it('reads a headline: "\'…\': X says …" (Title Case too) and "X: \'…\'"', () => {
    expect(
      speakersOf([
        "'I will be ready': Putin says he will meet Trump",
        "'I Will Be Ready For A Meeting': Putin Says He Will Meet Trump",
        "Putin: 'We are stronger'",
        'Putin said so.',
      ]),
    ).toEqual(['Putin', 'Putin', 'Putin']);
  });

  it('resolves "He continued: “…”" to the person the previous sentence is about', () => {
    expect(
      speakersOf([
        'Chancellor Olaf Scholz spoke to reporters in Berlin on Tuesday.',
        'He continued: “Germany keeps its word.”',
      ]),
    ).toEqual(['Olaf Scholz']);
  });

  it('resolves a pronoun to the subject of the previous sentence, not the last name in it', () => {
    expect(
      speakersOf(['President Trump met President Putin in Helsinki.', 'He said: “It was a great meeting.”']),
    ).toEqual(['Trump']);
  });

  it('gives an unattributed quotation paragraph to the speaker of the quotation just before it', () => {
    expect(
      speakersOf([
        '“The first part of the answer,” Kallas said.',
        '“The second part of the answer.”',
        '“And a third.”',
      ]),
    ).toEqual(['Kallas', 'Kallas', 'Kallas']);
  });

  it('continues a speaker within a paragraph: “…,” X said. “…”', () => {
    expect(speakersOf(['“We are ready,” Kallas said. “We have been ready for years.”'])).toEqual([
      'Kallas',
      'Kallas',
    ]);
  });

  it('does not continue a speaker across a paragraph of narrative', () => {
    expect(
      speakersOf([
        '“The first part,” Kallas said.',
        'The meeting ended at noon.',
        '“Nobody says who said this.”',
      ]),
    ).toEqual(['Kallas', 'unattributed']);
  });

  it('gives a phrase quoted from a report or a book to its author', () => {
    expect(
      speakersOf([
        'Trump has denied it, contradicting a report by veteran journalist Bob Woodward in a recent book that the pair had held “maybe as many as seven” conversations.',
        'Woodward’s book claims that Trump and Putin held “many” calls.',
      ]),
    ).toEqual(['Bob Woodward', 'Bob Woodward']);
  });

  it('reads "X, who …, said" and "X … and said"', () => {
    expect(
      speakersOf([
        'Bob Woodward, who has covered nine presidents, said the calls were “remarkable”.',
        'Estonian Prime Minister Kaja Kallas arrived in Kyiv and said the city was “unbreakable”.',
      ]),
    ).toEqual(['Bob Woodward', 'Kaja Kallas']);
  });

  it('attributes to a description bound to a person: "the Russian president said"', () => {
    expect(
      speakersOf([
        'Vladimir Putin spoke for four hours on Thursday.',
        '“We are stronger,” the Russian president said.',
      ]),
    ).toEqual(['Vladimir Putin']);
  });

  it('leaves a quotation unattributed when the speaker is not named', () => {
    expect(
      speakersOf([
        'Officials said the talks had “stalled”.',
        '“We will see,” a spokesman said.',
        'Putin was asked: “Will you meet Trump?”',
        'Putin said the meeting was “possible”.',
      ]),
    ).toEqual(['unattributed', 'unattributed', 'unattributed', 'Putin']);
  });

  it('leaves a bare surname unattributed when two people share it', () => {
    expect(
      quotesOf([
        'Boris Johnson said the deal was “oven ready”.',
        'Andrew Johnson said it was “nothing of the sort”.',
        '“Who knows,” Johnson said.',
      ]).map((quote) => quote.speaker),
    ).toEqual(['Boris Johnson', 'Andrew Johnson', 'unattributed']);
  });

  it('attributes a British-style report with single quotation marks', () => {
    expect(
      quotesOf([
        'Starmer pledges ‘whatever it takes’ on Kyiv visit',
        '‘We are ready to talk,’ said Sir Keir Starmer, the prime minister.',
        'The prime minister added: ‘Britain stands with Ukraine for as long as it takes.’',
        'Ukraine’s president, Volodymyr Zelensky, told the BBC: ‘We need more weapons.’',
        '‘It is a turning point,’ he said.',
        'Defence Secretary John Healey said: ‘The package is worth £3bn.’',
        'Critics said the plan was ‘too little, too late’.',
        '"We have heard this before," said Oleksandr Merezhko, who chairs the foreign affairs committee. "Words are not enough."',
      ]).map((quote) => [quote.speaker, quote.text]),
    ).toEqual([
      ['Keir Starmer', 'whatever it takes'],
      ['Keir Starmer', 'We are ready to talk'],
      ['Keir Starmer', 'Britain stands with Ukraine for as long as it takes.'],
      ['Volodymyr Zelensky', 'We need more weapons.'],
      ['Volodymyr Zelensky', 'It is a turning point'],
      ['John Healey', 'The package is worth £3bn.'],
      ['unattributed', 'too little, too late'],
      ['Oleksandr Merezhko', 'We have heard this before'],
      ['Oleksandr Merezhko', 'Words are not enough.'],
    ]);
  });

  it('attributes an American-style report with straight quotation marks', () => {
    expect(
      speakersOf([
        '"We\'re not going anywhere," Zelensky said in his nightly address, adding that Ukraine would "fight to the end."',
        'Trump, speaking at Mar-a-Lago, said: "It\'s a disaster."',
        '"No," said the minister.',
        '"Why would we?" Lavrov asked.',
        '"It\'s over" — that was how one official put it.',
        'Senator Lindsey Graham told Fox News the aid was "essential" and warned that "time is running out".',
        'In a statement, the White House said it was "deeply concerned".',
      ]),
    ).toEqual([
      'Zelensky',
      'Zelensky',
      'Trump',
      'unattributed',
      'Lavrov',
      'unattributed',
      'Lindsey Graham',
      'Lindsey Graham',
      'White House',
    ]);
  });
});

// Real 1961 wire copy (Brown Corpus samples the quotation lists' dev half comes from): names with
// initials, pronouns after a subheading run into the paragraph, reported speech before a quotation
// paragraph, and its own punctuation ("”, replied Bellows").
describe('attributeQuotes on 1961 news text', () => {
  // Each sample indexed once for all the tests that read it.
  const indexes = new Map<string, QuoteIndex>();
  const sampleIndex = (sample: string) => {
    let index = indexes.get(sample);
    if (!index) {
      index = new QuoteIndex([brownSample(sample)]);
      indexes.set(sample, index);
    }
    return index;
  };
  const speakerOf = (sample: string) => {
    const quotes = sampleIndex(sample).listQuotes();
    return (words: string) => quotes.find((quote) => quote.text.startsWith(words))?.speaker;
  };
  const ca03 = speakerOf('ca03');
  const ca12 = speakerOf('ca12');

  it('keeps a middle initial in the name: "Acting Judge John M. Karns, who charged that …"', () => {
    expect(ca03('by unfair and fundamentally illegal means')).toBe('John M. Karns');
    expect(ca03('You mean some of the defendants')).toBe('James B. Parsons');
  });

  it('never takes a pronoun or a title alone for a name', () => {
    // "Calls proposal modest He said his plan …": a subheading run into the paragraph.
    expect(ca03('meet the needs of those millions')).toBe('Kennedy');
    expect(ca03('in violation of the legal rights')).toBe('John M. Karns');
    const names = sampleIndex('ca03')
      .speakers()
      .map((speaker) => speaker.name);
    expect(names).not.toContain('He');
    expect(names).not.toContain('The President');
    // "the New England-born President remarked that …": a description, not a name.
    const ca33 = sampleIndex('ca33')
      .speakers()
      .map((speaker) => speaker.name);
    expect(ca33.filter((name) => /President$/u.test(name))).toEqual([]);
  });

  it('strips "Coach" as a title, and reads "X praised" and "X declared" as speech', () => {
    expect(ca12("We're just real happy")).toBe('Bill Meek');
    expect(ca12('Nelson played magnificent football')).toBe('Bill Meek');
  });

  it('ends a sentence at a full stop after the closing mark, and skips an aside in brackets', () => {
    // "“Yes, your honor”, replied Bellows. “What this amounts to … defendants”. Washington, July 24 --"
    expect(ca03('What this amounts to, if true')).toBe('Charles Bellows');
    // "House Speaker Sam Rayburn (D., Tex.) called the Kennedy program “a mighty fine thing”"
    expect(ca03('a mighty fine thing')).toBe('Sam Rayburn');
  });

  it('keeps "Jr." in a name, and reads past an aside between the name and its speech verb', () => {
    const ca27 = speakerOf('ca27');
    // "“The present recovery …”, Beryl W. Sprinkel, economist of Harris Trust & Savings Bank, Chicago, predicted"
    expect(ca27('The present recovery movement')).toBe('Beryl W. Sprinkel');
    // "Another speaker, William H. Draper, Jr., former Under Secretary of the Army …, urged the U.S. to “…”"
    expect(ca27('throw down the gauntlet')).toBe('William H. Draper Jr.');
  });

  it('gives a partial quotation to whoever the sentence around it ends by naming', () => {
    // "Vast spraying programs conducted by “technicians with narrow training…” are endangering crops
    // and wildlife, Carl W. Buchheister, president of the National Audubon Society, said today."
    expect(speakerOf('ca25')('technicians with narrow training')).toBe('Carl W. Buchheister');
  });

  it('never starts a name with a function word, and reads "X estimated … at “…”" as X’s words', () => {
    const ca25 = speakerOf('ca25');
    // "When Huff attempted to cash…" had made "When Huff" a person, so "Huff" named nobody.
    expect(ca25('the ordinary bills and expenses')).toBe('Curtis Allen Huff');
    expect(ca25('about $1,500 or $1,600 a month')).toBe('Ben Stein');
  });

  it('does not give the President’s words to the First Lady for their shared surname', () => {
    // ca33: "First Lady Jacqueline Kennedy" and "President Kennedy" in one sample.
    expect(speakerOf('ca33')('As an American I have the greatest possible pride')).toBe('Kennedy');
  });

  it('takes the title of a film or a show for no quotation, but keeps a short reply', () => {
    const ca32 = sampleIndex('ca32').listQuotes();
    // "“La Dolce Vita” has none of the senseless brutality…"; "“About 35”" answers a question.
    expect(ca32.map((quote) => quote.text)).not.toContain('La Dolce Vita');
    expect(ca32.map((quote) => quote.text)).toContain('About 35');
  });

  it('gives a quotation paragraph to the speaker of the reported speech just before it', () => {
    // "Place kicking is largely a matter of timing, Moritz declared." then “Once you get the feel …
    expect(ca12('Once you get the feel of it')).toBe('Eldon Moritz');
  });
});

describe('terms in quotation marks', () => {
  it('leaves out a few words the reporter marks that nobody is said to have said, keeping quotations', () => {
    expect(
      quotesOf([
        'The bill keeps the “unit formula” for state aid.',
        'The Senate voted on the “matching grants” on Tuesday.',
        'Smith said the plan was “dead on arrival”.',
        '“It is over,” said Jones.',
      ]).map((quote) => [quote.text, quote.speaker]),
    ).toEqual([
      ['dead on arrival', 'Smith'],
      ['It is over', 'Jones'],
    ]);
  });
});
