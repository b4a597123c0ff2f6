import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { answer } from '../../src/answer/answer.js';
import {
  askedType,
  asksYesOrNo,
  countedWords,
  hasAnswerType,
  wordsOfAnswersTo,
} from '../../src/answer/answerType.js';
import { correctQuestion } from '../../src/answer/correctQuestion.js';
import { explainMatch } from '../../src/answer/explain.js';
import { answerToJson } from '../../src/cli/renderAnswer.js';
import type { Article } from '../../src/corpus/article.js';
import { buildEngine } from '../../src/engine.js';
import { evaluateSpelling } from '../../src/eval/spellingSet.js';
import { SearchIndex } from '../../src/search/searchIndex.js';
import { commonWordsNear, englishCount, zipf } from '../../src/text/englishWords.js';

// How people really ask: chat shorthand, misspellings, words the article does not use, and facts
// it does not give. Every case runs the real engine on the seed article.
const { index, quotes } = await buildEngine(fileURLToPath(new URL('../../corpus/', import.meta.url)));

/** What the question's words are read as, "from>to". */
function readingsIn(library: SearchIndex, question: string): string[] {
  return correctQuestion(library, question).corrections.map(({ from, to }) => `${from}>${to}`);
}

/**
 * A library of the seed article and one more, of these paragraphs: another article's name a letter
 * from a word a question may use.
 */
function seedWith(id: string, title: string, paragraphs: readonly string[]): SearchIndex {
  return seedWithStories([id, title, paragraphs]);
}

/** The seed article and other stories, each [id, title, paragraphs]. */
function seedWithStories(...stories: (readonly [string, string, readonly string[]])[]): SearchIndex {
  const seed = index.articles.values().next().value as Article;
  const others = stories.map(
    ([id, title, paragraphs]): Article => ({
      ...seed,
      id,
      file: `${id}.md`,
      title,
      paragraphs: paragraphs.map((text, i) => ({ number: i + 1, line: i + 1, text, furniture: false })),
    }),
  );
  return new SearchIndex([seed, ...others]);
}

describe('reading a question as it was meant', () => {
  it('expands chat shorthand and drops words that carry only tone', () => {
    const { text, corrections } = correctQuestion(index, 'tbh wat did putin say abt trump rn lol');

    expect(text).toBe(' what did putin say about trump now ');
    expect(corrections).toContainEqual({ from: 'abt', to: 'about', kind: 'shorthand' });
    // Answered, not refused: "lowkey" weighed like a missing name and "fam" was not "family".
    const fam = answer(index, 'lowkey where did assad and his fam go');
    expect(fam.corrections).toContainEqual({ from: 'fam', to: 'family', kind: 'shorthand' });
    expect(fam).toMatchObject({ answered: true, match: 'direct' });
    expect(fam.excerpts[0]?.text).toContain('sought refuge in Moscow');
  });

  it('corrects misspelt names and words to the corpus’s own words first', () => {
    // ("puttin" needs no correction: the index's own typo matching already finds "putin".)
    const { corrections } = correctQuestion(index, 'has puttin met asad, whats hapening in kurks');

    expect(corrections).toEqual(
      expect.arrayContaining([
        { from: 'asad', to: 'assad', kind: 'spelling' },
        { from: 'kurks', to: 'kursk', kind: 'spelling' },
        { from: 'hapening', to: 'happening', kind: 'spelling' },
      ]),
    );
  });

  it('corrects swapped letters that come with another edit, and prefers words the article uses', () => {
    // "zelenksy" is two edits from "zelenskyy" only as typed (stemmed, it is three); "losess" is as
    // near "losers" as "losses", and the article says "losses".
    expect(correctQuestion(index, 'did zelenksy say it').corrections).toContainEqual({
      from: 'zelenksy',
      to: 'zelenskyy',
      kind: 'spelling',
    });
    expect(correctQuestion(index, 'north korian troops losess').corrections).toContainEqual({
      from: 'losess',
      to: 'losses',
      kind: 'spelling',
    });
  });

  it('reads a non-word two edits from a corpus word that sounds the same as that word, after English words', () => {
    // "korien" sounds as the article's "korean" (a vowel heard otherwise), two edits away.
    expect(correctQuestion(index, 'who r the north korien troops').corrections).toContainEqual({
      from: 'korien',
      to: 'korean',
      kind: 'spelling',
    });
    // An English word one edit away comes first ("thnik" is "think"), and an English word the
    // article lacks is left alone ("concede" is not its "consider").
    expect(correctQuestion(index, 'why does putin thnik so').corrections).toEqual([
      { from: 'thnik', to: 'think', kind: 'spelling' },
    ]);
    expect(correctQuestion(index, 'what did zelenskyy concede').corrections).toEqual([]);
  });

  it('reads a word whose final "g" chat dropped with it, after the corpus\'s own words', () => {
    // A "takin" is an animal, but "taking" is 27 times as common.
    expect(correctQuestion(index, 'how much ground are they takin').corrections).toContainEqual({
      from: 'takin',
      to: 'taking',
      kind: 'spelling',
    });
    // "puttin" is the article's Putin, not "putting".
    const putin = correctQuestion(index, 'wat did puttin say').corrections;
    expect(putin.some((correction) => correction.to === 'putting')).toBe(false);
  });

  it('reads a non-word the index would find by typo matching as the word it stands for', () => {
    // Weighed as the name it was, "aproaching" would count like a missing name.
    expect(correctQuestion(index, 'war aproaching').text).toBe('war approach');
  });

  it('tells the reader a word of the article, not the index term it stands for', () => {
    const readings = (question: string) => readingsIn(index, question);
    // The index has "countri", "troop" and "territori"; the article says "country", "troops", "territory".
    expect(readings('is russia a soverign contry')).toContain('contry>country');
    // Of the article's words for the term, the nearest to the one typed: "troops", not "troop".
    expect(readings('how many norh korean troups')).toContain('troups>troops');
    expect(readings('how much teritory did they take')).toContain('teritory>territory');
    // A name's possessive stays one.
    expect(readings("why did asad's goverment fall")).toContain("asad's>assad's");
    // The index term itself when it is an English word, the nearest: "speak", not the article's "spoken".
    expect(readings('wen did puttin last speek to trump')).toContain('speek>speak');
    // Never a word read as itself: "Minsk" is a spelling target, and "minsk's" is no misspelling of it.
    expect(correctQuestion(index, "what did minsk's leader offer").corrections).toEqual([]);
  });

  it('reads an English word as a name only when it is a slip of it, and a rare word’s stem as no name', () => {
    // "rote" is English; "Rohe" a letter replaced, not a slip (a dropped, doubled or swapped letter).
    const architecture = seedWith('architecture', 'Architecture', [
      'Mies van der Rohe wrote a book on building.',
    ]);
    expect(readingsIn(architecture, 'who rote the book abt trump n putin calls')).not.toContain('rote>rohe');
    // "remak" is the stem of "remake" (52 in SUBTLEX, too rare to be a spelling target): no name.
    const film = seedWith('film', 'A film', ['The studio remade the film about the lost territory in 1990.']);
    expect(readingsIn(film, 'can ukraine retake its territory').join()).not.toContain('retake>');
  });

  it('reads a slip of an English word the library has before another article’s word a letter replaced', () => {
    const markets = seedWith('markets', 'Markets', [
      'Shares of the war contractor saw a gain at present, the president of the exchange said.',
    ]);
    // "gain" and "present" are a letter replaced; "going" has its "g" dropped, "president" a letter.
    expect(readingsIn(markets, 'how is the war goin')).toContain('goin>going');
    expect(readingsIn(markets, 'what did the presidnt say about the war')).toContain('presidnt>president');
    // A name a slip away is still read as the name ("trmp" is "trump", not the English "tramp").
    const tramp = seedWith('tramp', 'A tramp', ['A tramp walked the war road to meet nobody.']);
    expect(readingsIn(tramp, 'did putin say he will meet trmp')).toContain('trmp>trump');
  });

  it('reads no word as one with another first letter or two letters apart replaced', () => {
    // "heir" and "started" are English; "Keir Starmer" is a name the library lacks, and stays missing.
    expect(readingsIn(index, 'wat did keir starmer say abt putin').join()).not.toMatch(/keir>|starmer>/u);
    // "Franklin" is two letters apart from "frontlin"; a "c" heard as "k" still reads ("corean").
    const franklin = seedWith('franklin', 'Franklin', ['Benjamin Franklin wrote about the war front.']);
    expect(readingsIn(franklin, 'what is movment like on the frontlin').join()).not.toContain('franklin');
    expect(readingsIn(index, 'how many corean troops')).toContain('corean>korean');
    // Another first letter only for an everyday word: "hte" is "the", "elon" no "leon".
    expect(readingsIn(index, 'wat did hte kremlin say')).toContain('hte>the');
    expect(readingsIn(index, 'is elon musk involved in the trump putin stuff').join()).not.toContain('elon>');
    // The first letter dropped is a slip too.
    expect(readingsIn(index, 'ello did putin say anything')).toContain('ello>hello');
    // "alot" is chat's "a lot", not the "plot" its first letter was swapped for.
    expect(readingsIn(index, 'that helps alot')).toContain('alot>a lot');
  });

  it('reads a misspelling as a term whose stem analysed again would differ ("invas", of "invasion")', () => {
    // "invat" is a letter from "invas" (the seed's "invasion", the commoner) and "invit" (another article's).
    const party = seedWith('party', 'A party', ['She invited the war reporters with an invitation.']);
    expect(readingsIn(party, 'how is the invation going according to putin')).toContain('invation>invasion');
  });

  it('reads a question typed in full-width or accented letters as the plain ones', () => {
    const asked = answer(index, 'Ｐｕｔｎ ﬁghting');
    expect(asked.question).toBe('Putn fighting');
    expect(asked.corrections).toContainEqual({ from: 'Putn', to: 'putin', kind: 'spelling' });
    // Accents aside too, as the index reads words.
    expect(readingsIn(index, 'ŭkrane warr')).toContain('ŭkrane>ukraine');
  });

  it('counts a stop word as a word every library has, for a misspelling that is a slip of it', () => {
    // "ten" and "sail" are another article's words a letter replaced; "the" and "still" stop words.
    const sailing = seedWith('sailing', 'Sailing', ['Ten boats set sail from the war port.']);
    expect(readingsIn(sailing, 'wat did putin say abuot teh war')).toContain('teh>the');
    expect(readingsIn(sailing, 'are ukrainian troops stil in kursk')).toContain('stil>still');
  });

  it('leaves real words, names it does not know and capitalised names as written', () => {
    // "fared" and "meat" are English; "nato" must not become "not"; "Biden" is a name the corpus lacks.
    expect(correctQuestion(index, 'how have they fared, is nato in it').corrections).toEqual([]);
    expect(correctQuestion(index, 'does Biden eat meat').corrections).toEqual([]);
    // A rare English word is not a typo of a commoner one.
    expect(correctQuestion(index, 'was assad ousted').corrections).toEqual([]);
    // "leav" (the article's "leaving") is a stem of an English word, not a name "lean" misspells.
    expect(correctQuestion(index, 'will they lean on russia').corrections).toEqual([]);
  });

  it('keeps a common English word as typed though a name in the library is a letter away', () => {
    // A library of many articles has a rare name near most words: "seize" is not the German "Sein".
    const library = seedWith('philosophy', 'Being and Time', [
      'Heidegger wrote about Sein, the German word for being.',
    ]);
    expect(correctQuestion(library, 'did russia manage to seize kyiv').corrections).toEqual([]);
    // A misspelt name is still read as the name.
    expect(correctQuestion(library, 'whats hapening in kurks').corrections).toContainEqual({
      from: 'kurks',
      to: 'kursk',
      kind: 'spelling',
    });
  });

  it('does not read a rare word as a common one it has a letter more than', () => {
    // "ruble" is rare in English (3 in SUBTLEX's 51 million words); a library that says "rule" once
    // read "what's the ruble exchange rate" as "rule exchange rate" and answered from a physics article.
    const library = seedWith('physics', 'Force', [
      'A rule of vector multiplication describes the force on a moving charge.',
    ]);
    expect(correctQuestion(library, "what's the ruble exchange rate").corrections).toEqual([]);
    // A letter typed twice is still a typo: "puttin" is Putin.
    expect(correctQuestion(library, 'has puttin met trump').corrections).toContainEqual({
      from: 'puttin',
      to: 'putin',
      kind: 'spelling',
    });
  });

  it('reads a misspelt name as the near name that starts with the same letter, before a commoner one', () => {
    const library = seedWith('ottomans', 'The Ottoman Empire', [
      'The Turks took Constantinople in 1453.',
      'The Turks ruled the Balkans for centuries.',
      'The Turks reached Vienna twice.',
    ]);
    expect(library.sentenceFrequencyOf('turk')).toBeGreaterThan(library.sentenceFrequencyOf('kursk'));
    expect(correctQuestion(library, 'whats hapening in kurks').corrections).toContainEqual({
      from: 'kurks',
      to: 'kursk',
      kind: 'spelling',
    });
  });

  it('looks for a near name beside the question’s other words, not only where it is commonest', () => {
    // Another article names Kursk in forty sentences: the first windows with it are all there.
    const library = seedWith(
      'kursk',
      'Kursk',
      Array.from({ length: 40 }, (_, i) => `Kursk, Kursk and Kursk again: station ${i + 1} of the railway.`),
    );
    const question = 'what happened to the ukrainian troops in kurks';
    expect(correctQuestion(library, question).corrections).toContainEqual({
      from: 'kurks',
      to: 'kursk',
      kind: 'spelling',
    });
    expect(answer(library, question).excerpts[0]?.text).toContain('Kursk region');
  });

  it('reads a misspelt word as the English word when no near name goes with the question', () => {
    // "holdin" is a letter from Holden, of an article with none of the question's other words.
    const library = seedWith('novel', 'The Catcher in the Rye', ['Holden Caulfield tells the story.']);
    const { corrections } = correctQuestion(
      library,
      'wher are the ukranian troops still holdin on in russia',
    );
    expect(corrections).toContainEqual({ from: 'holdin', to: 'holding', kind: 'spelling' });
    // "acording" is "according" when its near corpus word ("accord") is of another article.
    const treaty = seedWith('treaty', 'A treaty', ['The treaty was signed in accord with custom.']);
    expect(correctQuestion(treaty, 'what did woodward say acording to trump').corrections).toContainEqual({
      from: 'acording',
      to: 'according',
      kind: 'spelling',
    });
  });

  it('reads a misspelt word as the English word a common slip makes of it, before a commoner one', () => {
    // "wher" is a letter from "when" (commoner) and from "where" (a letter dropped: the likelier slip).
    const readings = (question: string) => readingsIn(index, question);
    expect(readings('wher is assad now')).toContain('wher>where');
    expect(readings('who reportd this')).toContain('reportd>reported');
    expect(readings('how r they doin')).toContain('doin>doing');
    // Two letters swapped are a slip too: "teh" is "the", not the rarer "tech" it lacks a letter of.
    expect(readings('wat did teh kremlin say')).toContain('teh>the');
  });

  it('reads a misspelt country’s people as them, though film dialogue seldom names them', () => {
    // "syrain" is a letter from "strain" and two swapped from "syrian", which SUBTLEX has 9 times.
    expect(readingsIn(index, 'where did the syrain ruler go')).toContain('syrain>syrian');
    // Beside an article that has "strain": the article's "Syria" counts as much for "syrian".
    const engines = seedWith('engines', 'Engines', ['The strain on the engine was too much.']);
    expect(readingsIn(engines, 'where did the syrain ruler go')).toContain('syrain>syrian');
    expect(answer(index, 'where did the syrain ruler and his famly go').excerpts[0]?.text).toContain(
      'sought refuge in Moscow',
    );
  });

  it('answers a question for a capital directly only with a passage that says it is the capital', () => {
    const library = seedWith('victoria', 'Victoria (Australia)', [
      'The Liberal Party of Australia is strongest in the eastern suburbs of Melbourne.',
      'Canberra is the capital of Australia, and Melbourne the capital of Victoria.',
    ]);
    const asked = answer(library, 'What is the capital of Australia?');
    expect(asked.excerpts[0]?.text).toContain('Canberra is the capital of Australia');
    expect(asked.match).toBe('direct');
    const parties = seedWith('parties', 'Victoria (Australia)', [
      'The Liberal Party of Australia is strongest in the eastern suburbs of Melbourne.',
    ]);
    expect(answer(parties, 'What is the capital of Australia?')).toMatchObject({
      match: 'related',
      asks: 'place',
    });
    expect(askedType('whats the capital city of australia')).toBe('place');
  });

  it('reads a word as a near name only where an article has that name beside the question’s other words', () => {
    // "biden" is a letter from "Baden", in an article about Germany that says nothing of Putin.
    const library = seedWith('baden', 'Baden-Württemberg', [
      'Baden is a region in the south-west of Germany.',
    ]);
    const result = answer(library, 'did biden say anything about putins press conference');

    expect(
      correctQuestion(library, 'did biden say anything about putins press conference').corrections,
    ).toEqual([]);
    expect(result.missing).toContain('biden');
    expect(result.match).not.toBe('direct');
    // With the article's own words beside it, a misspelt name is still read as the name.
    expect(correctQuestion(library, 'what did asad say about putin').corrections).toContainEqual({
      from: 'asad',
      to: 'assad',
      kind: 'spelling',
    });
  });

  it('reads a common slip of a name beside only everyday words, and no other near name', () => {
    // Another article has "again" and "staying", which the Putin story lacks: they say nothing of
    // whom the question is about, and the name was left misspelt, the question refused.
    const library = seedWithStories(
      ['summer', 'summer', ['She was staying with her aunt again that summer.']],
      ['jone', 'jone', ['Jone sat by the window.']],
    );
    expect(correctQuestion(library, 'whos zelenksy again').corrections).toContainEqual({
      from: 'zelenksy',
      to: 'zelenskyy',
      kind: 'spelling',
    });
    expect(correctQuestion(library, 'wher is asad staying now').corrections).toContainEqual({
      from: 'asad',
      to: 'assad',
      kind: 'spelling',
    });
    expect(answer(library, 'whos zelenksy again').answered).toBe(true);
    // A letter replaced is no such slip: "jong" is not the other story's "Jone".
    const jong = correctQuestion(library, 'is jong staying again').corrections;
    expect(jong.map((correction) => correction.to)).not.toContain('jone');
  });

  it('keeps a misspelt word’s first letter, and reads a misspelt name’s possessive as the name’s', () => {
    // "goverment" is two edits from the article's "movement" too; typos seldom change the first letter.
    expect(correctQuestion(index, "why did asad's goverment colapse").corrections).toEqual([
      { from: "asad's", to: "assad's", kind: 'spelling' },
      { from: 'goverment', to: 'government', kind: 'spelling' },
      // A letter dropped, not two ("collapsed", commoner, until the twenty-first session).
      { from: 'colapse', to: 'collapse', kind: 'spelling' },
    ]);
  });

  it('reads a letter typed twice as a typo of the shorter word, and a British spelling as English', () => {
    // "admitt" is "admit" with a doubled letter, not a name the article lacks; "characterised" is the
    // English word "characterized", so missing it does not refuse a question about the war.
    expect(correctQuestion(index, 'wat did zelenskiy admitt about teritory').corrections).toContainEqual({
      from: 'admitt',
      to: 'admit',
      kind: 'spelling',
    });
    expect(correctQuestion(index, 'is it verry bad').corrections).toEqual([
      { from: 'verry', to: 'very', kind: 'spelling' },
    ]);
    expect(englishCount('characterised')).toBeGreaterThanOrEqual(englishCount('characterized'));
    expect(zipf('characterised')).toBeGreaterThan(2);
    expect(answer(index, 'How has the fighting in the east been characterised?').answered).toBe(true);
  });

  it('reads contractions typed without the apostrophe, and "dose" as "does" only where a question opens', () => {
    expect(correctQuestion(index, 'why dose putin think hes stronger').corrections).toEqual([
      { from: 'dose', to: 'does', kind: 'spelling' },
      { from: 'hes', to: 'he is', kind: 'shorthand' },
    ]);
    expect(correctQuestion(index, 'is a dose of realism needed').corrections).toEqual([]);
  });

  it('drops chat words that carry no subject', () => {
    expect(correctQuestion(index, 'ok so did trump n putin talk').text).toBe(' so did trump  putin talk');
    // Interjections, and "wait" opening a question, are tone: a refusal never names them as missing.
    expect(correctQuestion(index, 'hmm wait is the war almost 3 yrs old').text).toBe(
      '  is the war almost 3 years old',
    );
    expect(answer(index, 'hey wait what did putin say about biden').missing).toEqual(['biden']);
    // "Used to" frames the question, as "how long" does: it is no topic the article lacks.
    expect(answer(index, 'what did putin used to say about trump').missing).toEqual([]);
    // Elsewhere "wait" is a word.
    expect(correctQuestion(index, 'wait times at the border').corrections).toEqual([]);
    expect(correctQuestion(index, 'did putin say he would wait for trump').corrections).toEqual([]);
  });

  it('finds common English words near a typo, swapped letters counting as one edit', () => {
    expect(commonWordsNear('abuot', 1).map(([word]) => word)).toContain('about');
    expect(commonWordsNear('thnik', 1).map(([word]) => word)).toContain('think');
  });

  it('weighs words by how common they are in English at large', () => {
    expect(englishCount('describe')).toBeGreaterThan(100);
    expect(zipf('the')).toBeGreaterThan(zipf('describe'));
    expect(zipf('describe')).toBeGreaterThan(zipf('concede'));
    expect(zipf('biden')).toBe(0);
  });
});

describe('three outcomes', () => {
  it('answers chat-style and misspelt questions directly from the passage that answers them', () => {
    const met = answer(index, 'has putin met asad yet');
    expect(met).toMatchObject({ answered: true, match: 'direct' });
    expect(met.excerpts[0]?.text).toContain('I haven’t met with President Assad');

    const kursk = answer(index, 'whats hapening in kurks');
    expect(kursk.answered).toBe(true);
    expect(kursk.excerpts[0]?.text).toContain('Kursk region');
  });

  it('does not refuse a question about the article’s subject for an everyday word it lacks', () => {
    // The article never says "explain"; it is a common word, not a missing topic (too common for
    // word neighbours to bridge it).
    const result = answer(index, 'how did putin explain his relationship with trump');

    expect(result.answered).toBe(true);
    expect(result.missing).toEqual(['explain']);
    expect(result.excerpts.some((excerpt) => excerpt.text.includes('relationship with Trump'))).toBe(true);
  });

  it('answers directly though the question has an adverb the article lacks, unless "how" asks for it', () => {
    // "usually" says how often, not what about; "how quickly" asks for the very manner it names.
    const usually = answer(index, "how long do putin's marathon sessions usually last");
    expect(usually).toMatchObject({ answered: true, match: 'direct', missing: ['usually'] });
    expect(usually.excerpts[0]?.text).toContain('lasted well over four hours');

    expect(answer(index, 'how quickly are russian troops advancing')).toMatchObject({ match: 'related' });
  });

  it('answers directly though a wh-question puts what happened in a verb the article lacks', () => {
    // The article says the family "sought refuge in Moscow" and the troops "suffered heavy losses".
    const fled = answer(index, "where did assad's family flee");
    expect(fled).toMatchObject({ answered: true, match: 'direct', missing: ['flee'] });
    expect(fled.excerpts[0]?.text).toContain('sought refuge in Moscow');
    const fared = answer(index, 'how have the north korean soldiers fared');
    expect(fared).toMatchObject({ answered: true, match: 'direct', missing: ['fared'] });
    expect(fared.excerpts[0]?.text).toContain('suffered heavy losses');

    // Not when the verb is the claim to check, nor the event a date is asked for.
    expect(answer(index, 'did putin congratulate trump')).toMatchObject({ match: 'related' });
    expect(answer(index, 'what date will trump be inaugurated')).toMatchObject({ match: 'related' });
  });

  it('reads "go" in a question asking where as its frame, not a word the passage must share', () => {
    // Searched, "go" drew the passage where the war "is going".
    const went = answer(index, 'so where did assad even go after all that');
    expect(went.excerpts[0]?.text).toContain('sought refuge in Moscow');
  });

  it('reads "what unit" as the kind of fact asked for, not a topic the article must share', () => {
    const unit = answer(index, 'what unit are the fighters taking territory in');
    expect(unit).toMatchObject({ answered: true, match: 'direct' });
    expect(unit.excerpts[0]?.text).toContain('square kilometers');
  });

  it('does not date an event the article never names: the verb of a "when" question it lacks', () => {
    // The article has no "agree": the Woodward passage's "since 2021" dates the calls, not this.
    expect(answer(index, 'when did putin and trump agree to hold a meeting')).toMatchObject({
      answered: true,
      match: 'related',
    });
    // An event it names is dated: Trump has been out of office since 2021 ("since leaving office",
    // "conversations since 2021").
    const left = answer(index, 'when did trump leave office');
    expect(left).toMatchObject({ match: 'direct' });
    expect(left.excerpts[0]?.text).toContain('since 2021');
  });

  it('offers the closest passages as related, not as an answer, when the fact asked for is not there', () => {
    // The article says North Korean troops suffered heavy losses, but gives no number.
    const troops = answer(index, 'how many north korean troops are fighting in kursk');
    expect(troops).toMatchObject({ answered: true, match: 'related' });
    expect(troops.excerpts[0]?.text).toContain('North Korean troops');
    expect(explainMatch(troops)).toBe('The articles don’t say exactly how many. Closest passages:');
    // --json says so too, for tools.
    expect(answerToJson(troops)).toMatchObject({ match: 'related', because: 'not-given', asks: 'number' });

    // A word that says something and that the article never uses.
    const married = answer(index, 'Is Putin married?');
    expect(married).toMatchObject({ answered: true, match: 'related', missing: ['married'] });
    expect(explainMatch(married)).toBe(
      'The articles don’t say exactly (nothing on “married”). Closest passages:',
    );
  });

  it('never answers directly what only the page furniture says, and says where it is', () => {
    // The caption "Vladimir Putin and Donald Trump Credit: AP" is never quoted; the Woodward passage
    // names both men and was the direct answer.
    for (const question of [
      'Which agency is credited for the photo of Putin and Trump?',
      'What day does the ITV News newsletter arrive?',
    ]) {
      const result = answer(index, question);
      expect(result, question).toMatchObject({ answered: true, match: 'related', because: 'page-furniture' });
      for (const excerpt of result.excerpts) {
        expect(excerpt.text).not.toContain('Credit: AP');
        expect(excerpt.text).not.toContain('newsletter');
      }
      expect(explainMatch(result)).toBe(
        'The articles don’t say that in the story, only in a caption or promotion on the page, which is not quoted. Closest passages:',
      );
    }
    // The caption's names alone do not make a question one about it.
    expect(answer(index, 'did putin say hes ready to meet trump').match).toBe('direct');
    // Nor does a word only the furniture has, holding little of the question.
    const latest = answer(index, 'what is the latest on north korean troops losses');
    expect(latest.because).toBeUndefined();
    expect(latest.excerpts[0]?.text).toContain('heavy losses');
  });

  it('answers "what did X say" directly only from a passage where X says something', () => {
    expect(answer(index, 'what did putin say about meeting trump').match).toBe('direct');
    // The best passages are Putin's words on Russia's strength: not Woodward's, nor Zelenskyy's.
    for (const question of [
      'what did woodward say about putin becoming stronger',
      'how did zelenskyy respond when putin said russia has become stronger',
    ]) {
      const result = answer(index, question);
      expect(result.answered, question).toBe(true);
      expect(result.excerpts[0]?.text, question).toContain('Putin replied');
      expect(result.match, question).toBe('related');
    }
  });

  it('takes a name after a speech verb as its speaker only right after it or after a title', () => {
    // "Asked whether Russia would be in a weaker negotiating position…, Putin replied": Russia is what
    // was asked about. The excerpt of Putin's answer once counted as Russia's words.
    const russia = answer(index, 'what did russia say about becoming a sovereign country');
    expect(russia.excerpts[0]?.text).toContain('Asked whether Russia');
    expect(russia).toMatchObject({ match: 'related', because: 'not-their-words' });
    expect(answer(index, 'what did putin say about becoming a sovereign country').match).toBe('direct');
  });

  it('reads "what does the article say about X", "does it mention X" as asking what the text says', () => {
    for (const question of [
      'what does the article say about assad',
      'what does it say about north korean troops',
      'what did the story say about kursk',
      'does the article mention assad',
      'is kursk mentioned',
    ]) {
      const result = answer(index, question);
      expect(result.match, question).toBe('direct');
      expect(result.because, question).toBeUndefined();
    }
  });

  it('asked whether someone said anything, answers directly only from their words or their silence', () => {
    // Kyiv, not Putin, speaks of the North Korean troops.
    expect(answer(index, 'did putin say anything about the north korean soldiers').match).toBe('related');
    expect(answer(index, 'so did kyiv say anything about the north korean soldiers').match).toBe('direct');
    // “…newly elected President Trump…,” Putin said. “…Because he hasn’t said anything about it.”
    const trump = answer(index, 'has trump said anything about a meeting');
    expect(trump.excerpts[0]?.text).toContain('he hasn’t said anything about it');
    expect(trump.match).toBe('direct');
    expect(explainMatch(answer(index, 'did putin say anything about the north korean soldiers'))).toBe(
      'The articles don’t report “putin” saying that. Closest passages:',
    );
    // The same pronoun is not Zelenskyy, who is not named before it; but an excerpt opening "He
    // continued: …" may continue the speaker's words from just before it.
    expect(answer(index, 'did zelenskyy say anything about meeting trump').match).toBe('related');
    // (Kept to 300 characters, the excerpt cannot take in the sentence naming Putin; see below.)
    const squares = answer(index, 'did putin say anything about square kilometers', { maxExcerptChars: 300 });
    expect(squares.excerpts[0]?.text).toMatch(/^He continued/u);
    expect(squares.match).toBe('direct');
    // Nor does Trump respond in "Putin says he will meet Trump".
    expect(answer(index, 'did trump respond to putin saying hes ready to meet').match).toBe('related');
  });

  it('does not answer a wh-question directly from a passage that says its event did not happen', () => {
    // "Russian forces failed to capture the capital Kyiv": no "when"; "I haven't met with President Assad".
    for (const question of [
      'when did russian forces capture kyiv',
      'where did russian troops seize kyiv',
      'what did putin and assad talk about when they met in moscow',
    ]) {
      const result = answer(index, question);
      expect(result.answered, question).toBe(true);
      expect(result.match, question).toBe('related');
      // The hedge says why: the event is there, as not having happened.
      expect(explainMatch(result), question).toBe('The articles don’t say that happened. Closest passages:');
    }
    // Asked when it will happen, "I haven't met … but I plan to" is no contradiction: it gives no date.
    expect(explainMatch(answer(index, 'when will putin meet assad'))).toBe(
      'The articles don’t say exactly when. Closest passages:',
    );
    // Asked whether it happened, asked as not happening, or asked what was said: the same passages answer.
    for (const question of [
      'did russian forces capture kyiv',
      'has putin met assad',
      'when did russia fail to capture kyiv',
      'what did putin say about advancing 100 meters',
    ])
      expect(answer(index, question).match, question).toBe('direct');
  });

  it('takes someone to speak only when they stand by the speech verb, not when the quote names them', () => {
    // “I haven’t met with President Assad since his arrival in Moscow…,” Putin said: Putin speaks.
    expect(answer(index, 'what did assad say about his arrival in moscow').match).toBe('related');
    // "a report by veteran journalist Bob Woodward": Woodward's words.
    expect(answer(index, 'what did woodward report about the calls').match).toBe('direct');
    // "Which journalist": the sentence saying "journalists" must name one ("the Russian president"
    // qualifies a noun, it names no journalist); "veteran journalist Bob Woodward" does.
    expect(answer(index, 'which journalist asked putin about trump').match).toBe('related');
    expect(answer(index, 'who was the journalist that asked putin about trump').match).toBe('related');
    // A country's adjective says which country's troops they are.
    const korean = answer(index, "Which country's troops are fighting alongside Russian troops in Kursk?");
    expect(korean.excerpts[0]?.text).toContain('North Korean troops fighting alongside Russian troops');
    expect(korean.match).toBe('direct');
    // No passage names where in Moscow the conference was held.
    expect(
      answer(index, "In which hall or building in Moscow was Putin's news conference held?"),
    ).toMatchObject({
      match: 'related',
      because: 'not-given',
      asks: 'place',
    });
    expect(countedWords('whos the journalist who wrote the book')).toEqual(['journalist']);
    const woodward = answer(
      index,
      'which journalist reported that trump and putin held multiple conversations',
    );
    expect(woodward.excerpts[0]?.text).toContain('veteran journalist Bob Woodward');
    expect(woodward.match).toBe('direct');
    // "Putin speaks out on his relationship with Trump claiming he hasn't…": Putin claims, not Trump.
    const reaction = answer(index, 'how did trump react when putin said he would be ready to meet');
    expect(reaction.excerpts[0]?.text).toContain('relationship with Trump claiming');
    expect(reaction.match).toBe('related');
  });

  it('answers directly when the passage holds the kind of fact asked for', () => {
    const hours = answer(index, 'how long do the marathon sessions last');
    expect(hours).toMatchObject({ answered: true, match: 'direct' });
    expect(hours.excerpts[0]?.text).toContain('well over four hours');

    const when = answer(index, 'When was the news conference?');
    expect(when.match).toBe('direct');
    expect(when.excerpts[0]?.text).toContain('Thursday');

    // "What reason" asks for a reason as "why" does: the excerpt takes in the one that follows.
    const reason = answer(index, 'what reason does putin give for russia getting stronger');
    expect(reason.excerpts[0]?.text).toContain('Because we are becoming a truly sovereign country');

    // "length" names the kind of fact, as "how long" does: not a topic the article must share.
    const length = answer(index, 'putin news conference length');
    expect(length).toMatchObject({ match: 'direct', missing: [] });
    expect(length.excerpts.map((excerpt) => excerpt.text).join(' ')).toContain('well over four hours');
  });

  it('does not take a number the article lacks for a name: the question is about its subject', () => {
    // The article says the war "approaches its third year": no "5", but the war is its subject.
    const result = answer(index, 'is the war almost 5 years old');
    expect(result.answered).toBe(true);
    expect(result.match).toBe('related');
  });

  it('still refuses what the article is not about, naming the missing name', () => {
    const result = answer(index, 'did biden say anything about the gaza ceasefire');

    expect(result).toMatchObject({
      answered: false,
      reason: 'not-in-corpus',
      missing: ['biden', 'gaza', 'ceasefire'],
    });
    expect(result.match).toBeUndefined();
    expect(explainMatch(result)).toBe('');
  });

  it('offers the closest passages, never a direct answer, when a name is missing from a question about the article', () => {
    // Half the question's weight is the article's ("Putin", "say"): not refused, but hedged, naming China.
    const china = answer(index, 'What did Putin say about China?');
    expect(china).toMatchObject({ answered: true, match: 'related', missing: ['China'] });
    // Beijing, which the article never names under any of China's names (Pyongyang it does: "North Korean").
    const soldiers = answer(index, 'What did Ukraine’s government claim about soldiers sent by Beijing?');
    expect(soldiers).toMatchObject({ answered: true, match: 'related' });
    expect(soldiers.missing).toContain('Beijing');
    expect(soldiers.excerpts[0]?.text).toContain('North Korean troops');
  });

  it('begins an excerpt that opens on a pronoun at the sentence that names whom it stands for, when that fits', () => {
    // "He continued: “… I want to emphasise - every day.”" is Putin's, named two sentences before.
    const emphasise = answer(index, 'What did Putin want to emphasise?');
    expect(emphasise.excerpts[0]?.text).toMatch(
      /^In response to a question .* Putin said .*\sHe continued:/su,
    );
    expect(emphasise.match).toBe('direct');
    // Where the named sentence would not fit, the excerpt stays as it was.
    const short = answer(index, 'What did Putin want to emphasise?', { maxExcerptChars: 300 });
    expect(short.excerpts[0]?.text).toMatch(/^(“Movement|He continued)/u);
  });

  it('begins an excerpt that opens on a quotation nobody is named beside at the sentence that names the speaker', () => {
    // ¶12 is a bare quotation, “Movement is going on…”; ¶11 says it is Putin's.
    const fighters = answer(index, 'What does Putin say Russian fighters are taking every day?');
    expect(fighters.excerpts[0]?.text).toMatch(
      /^In response to a question .* Putin said .*\s“Movement is going on/su,
    );
    expect(fighters.match).toBe('direct');
  });

  it('prefers the body’s own words to a sentence that repeats the title', () => {
    // The sub-headline ("Putin says he will meet Trump…") is mostly the title, which the citation
    // shows anyway; the body's paragraph has what he said.
    const result = answer(index, 'will putin meet with trump');
    expect(result.excerpts[0]?.text).toContain('I will be ready for a meeting if he wants it');
    expect(result.excerpts.map((excerpt) => excerpt.text).join(' ')).toContain(
      'Putin says he will meet Trump',
    );
  });

  it('never repeats the headline: the sub-headline that starts with it is shown once', () => {
    const result = answer(index, 'Will Putin meet Trump?');
    const headline = result.excerpts.find((excerpt) => excerpt.text.includes('Putin says he will meet'));

    expect(headline?.text.match(/'I will be ready': Putin says he will meet Trump/g)).toHaveLength(1);
    expect(headline?.text).toContain('as he delivers annual news conference');
  });

  it('never throws, and every answered page is labelled, whatever mix of chat words, typos and symbols', () => {
    const words = [
      'wat',
      'abt',
      'puttin',
      'kurks',
      'tbh',
      'how many',
      'when',
      'where',
      '😂',
      '@everyone',
      'ßtraße',
      '\uD800',
      'the',
      'nato',
      'x',
      // Descriptions of people, read as their names.
      "kyiv's",
      'russian',
      'leader',
      'head of state',
      'boss’s',
    ];
    const people = () => quotes.speakers();
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom(...words), fc.string()), { maxLength: 12 }), (parts) => {
        const result = answer(index, parts.join(' '), { people });
        if (result.answered) {
          expect(['direct', 'related']).toContain(result.match);
          for (const excerpt of result.excerpts) expect(['direct', 'related']).toContain(excerpt.match);
        } else {
          expect(result.match).toBeUndefined();
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('answer types', () => {
  it.each([
    ['how many troops', 'number'],
    ['How old is Zelenskyy?', 'age'],
    ['how long do the sessions last', 'duration'],
    ['putin presser length', 'duration'],
    ['what was the duration of the war', 'duration'],
    ['who reported this', 'person'],
    ['why does putin think russia is stronger', 'reason'],
    ['what reason does putin give for russia being stronger', 'reason'],
    ['how come assad went to moscow', 'reason'],
    ['so what can russia offer trump when they meet', undefined],
    ['does putin know when he will meet trump', undefined],
    ['when did he say it', 'time'],
    ['what day was the presser', 'time'],
    ['On what date did Putin and Trump last speak?', 'date'],
    ['which exact date did assad arrive in moscow', 'date'],
    ["What percentage of Ukraine's territory is occupied by Russia?", 'share'],
    ['how much of ukraine does russia occupy rn like percentage', 'share'],
    ['how much money did they spend', 'number'],
    ['bro how often does putin say they take ground', 'frequency'],
    ['where did assad go', 'place'],
    ['which city was the presser held in', 'place'],
    ['in what country does assad live now', 'place'],
    ['In which hall or building in Moscow was the news conference held?', 'place'],
    ['what street does he live on', 'place'],
    ['what did putin say', undefined],
    // Someone by their role: a person's name.
    ['which leader spoke', 'person'],
    ['which journalists asked putin about trump', 'person'],
    ['which way did the front move', undefined],
    // An opening "when …," clause sets the scene; the question follows the comma.
    [
      "when pressed on whether moscow's bargaining hand was weakened, how did the russian leader respond",
      undefined,
    ],
    ['When Putin met Trump, what did they discuss?', undefined],
    ['when putin meets assad, where will they meet', 'place'],
    ['When did the war start, roughly?', 'time'],
    ['when, exactly, did he say it', 'time'],
  ])('reads "%s" as asking for %s', (question, type) => {
    expect(askedType(question)).toBe(type);
  });

  it('reads what "how many" counts, up to the first stop word', () => {
    expect(countedWords('how many north korean troops are fighting')).toEqual(['north', 'korean', 'troops']);
    expect(countedWords('How many meters did Putin say')).toEqual(['meters']);
    expect(countedWords('how old is he')).toEqual([]);
    // "Which journalist…": the name stands in the sentence that names the role.
    expect(countedWords('which journalist reported the calls')).toEqual(['journalist']);
  });

  it('takes a number as the count only when it stands just before what was counted', () => {
    const none = new Set<string>();
    const sessions = 'The marathon sessions in the past have lasted well over four hours.';
    expect(hasAnswerType(sessions, 'number', none, new Set(['hour']))).toBe(true);
    // "four" counts hours, not questions.
    expect(hasAnswerType(sessions, 'number', none, new Set(['question']))).toBe(false);
    expect(
      hasAnswerType(
        'the pair had held “maybe as many as seven” conversations since 2021.',
        'number',
        none,
        new Set(['convers']),
      ),
    ).toBe(true);
    // "How much money": an amount in any unit counts it; a number of something else does not.
    const estimate =
      'Daniel termed “extremely conservative” his estimate that it would produce 17 million dollars.';
    expect(hasAnswerType(estimate, 'number', none, new Set(['money']))).toBe(true);
    expect(hasAnswerType('The city paid only $3,000 of it.', 'number', none, new Set(['cash']))).toBe(true);
    expect(hasAnswerType(sessions, 'number', none, new Set(['money']))).toBe(false);
  });

  it('finds numbers, durations and places in the article’s sentences, not in the question’s own words', () => {
    const none = new Set<string>();
    expect(
      hasAnswerType('The marathon sessions in the past have lasted well over four hours.', 'time', none),
    ).toBe(true);
    expect(hasAnswerType('we are not talking about advancing 100-200-300 meters.', 'number', none)).toBe(
      true,
    );
    expect(hasAnswerType('Al-Assad and his family have since sought refuge in Moscow.', 'place', none)).toBe(
      true,
    );
    expect(
      hasAnswerType(
        'Kyiv has said North Korean troops fighting alongside Russian troops there have suffered heavy losses.',
        'number',
        none,
      ),
    ).toBe(false);
    expect(hasAnswerType('He fled to Moscow.', 'place', new Set(['moscow']))).toBe(false);
  });

  it('wants a date for "what date": a day or a year, not how long ago ("in over four years")', () => {
    const asked = new Set(['on', 'what', 'date', 'did', 'putin', 'and', 'trump', 'last', 'speak']);
    const fourYears = 'I haven’t spoken to him at all in over four years.';
    expect(hasAnswerType(fourYears, 'time', asked)).toBe(true);
    expect(hasAnswerType(fourYears, 'date', asked)).toBe(false);
    expect(hasAnswerType('an annual news conference on Thursday', 'date', asked)).toBe(true);
    // The model calls "since 2021" a duration; its year still dates it.
    expect(hasAnswerType('conversations since 2021', 'date', asked)).toBe(true);
    expect(hasAnswerType('in the early weeks of the war', 'date', asked)).toBe(false);
    const result = answer(index, 'On what date did Putin and Trump last speak to each other?', { limit: 3 });
    expect(result.match).toBe('related');
    expect(result.because).toBe('not-given');
    expect(result.asks).toBe('date');
  });

  it('wants a share for "what percentage": a percent or a fraction of something, not any number', () => {
    const none = new Set<string>();
    expect(hasAnswerType('we are not talking about advancing 100-200-300 meters.', 'share', none)).toBe(
      false,
    );
    expect(hasAnswerType('56.2% of the inhabitants were Catholic', 'share', none)).toBe(true);
    expect(hasAnswerType('construction is six to nine percent of it', 'share', none)).toBe(true);
    expect(hasAnswerType('The Amazon represents over half of the remaining rainforests', 'share', none)).toBe(
      true,
    );
    const result = answer(index, "What percentage of Ukraine's territory is occupied by Russia?", {
      limit: 3,
    });
    expect(result.match).toBe('related');
    expect(result.asks).toBe('share');
  });

  it('wants how often for "how often": "every day", "twice a year", "rarely"', () => {
    const none = new Set<string>();
    expect(
      hasAnswerType('Movement is going on along the entire front line, every day.', 'frequency', none),
    ).toBe(true);
    expect(hasAnswerType('Parliament is elected every five years.', 'frequency', none)).toBe(true);
    expect(hasAnswerType('They meet three times a year.', 'frequency', none)).toBe(true);
    expect(
      hasAnswerType('Ukrainian forces have slowly ceded ground to Russian forces there.', 'frequency', none),
    ).toBe(false);
    const result = answer(index, 'bro how often does putin say they take ground', { limit: 3 });
    expect(result.excerpts[0]?.text).toContain('ceded ground');
    expect(result.match).toBe('related');
  });

  it('takes an ordinal of a unit of time as saying when ("its third year"), not an ordinal alone', () => {
    const asked = new Set(['what', 'year', 'is', 'the', 'war', 'approaching']);
    const third =
      'Putin said the “situation is changing dramatically,” as the war approaches its third year.';
    expect(hasAnswerType(third, 'time', asked)).toBe(true);
    expect(hasAnswerType('He was the third speaker at the conference.', 'time', asked)).toBe(false);
    const result = answer(index, 'wat year is the war in ukrane aproaching', { limit: 3 });
    expect(result.excerpts[0]?.text).toContain('approaches its third year');
    expect(result.match).toBe('direct');
  });

  it('wants a name for "who", a reason for "why", an age for "how old" and a length for "how long"', () => {
    const none = new Set<string>();
    const held = 'as ITV News’ Sam Holder reports';
    expect(hasAnswerType(held, 'person', none)).toBe(true);
    expect(hasAnswerType(held, 'person', new Set(['itv', 'news', 'sam', 'holder']))).toBe(false);
    // A title is not who did it.
    expect(hasAnswerType('“I will meet him,” President Putin said.', 'person', new Set(['putin']))).toBe(
      false,
    );
    expect(hasAnswerType('Why? Because we are becoming a truly sovereign country.', 'reason', none)).toBe(
      true,
    );
    expect(hasAnswerType('Putin made his first comments since the fall of Assad.', 'reason', none)).toBe(
      false,
    );
    expect(hasAnswerType('Putin, 72, spoke for hours.', 'age', none)).toBe(false);
    expect(hasAnswerType('Putin, a 72-year-old, spoke.', 'age', none)).toBe(true);
    expect(hasAnswerType('The conference was on Thursday.', 'duration', none)).toBe(false);
    expect(hasAnswerType('The sessions have lasted well over four hours.', 'duration', none)).toBe(true);
  });

  it('takes a whole name as one person, and a name after "in" or "at" as a place', () => {
    const fall = 'Putin made his first comments since the fall of Bashar al-Assad in Syria.';
    const asked = new Set([
      'who',
      'did',
      'putin',
      'blame',
      'for',
      'the',
      'fall',
      'of',
      "assad's",
      'government',
    ]);
    // "Bashar" is part of the name the question gives; Syria is where, not who.
    expect(hasAnswerType(fall, 'person', asked)).toBe(false);
    expect(
      hasAnswerType('Al-Assad and his family have since sought refuge in Moscow.', 'person', asked),
    ).toBe(false);
    // Someone the question does not name still answers "who".
    expect(hasAnswerType(`${fall} Sergei Lavrov blamed the rebels.`, 'person', asked)).toBe(true);
    expect(
      hasAnswerType('The jury praised Mayor Hartsfield in its report.', 'person', new Set(['who'])),
    ).toBe(true);
  });

  it('reads a yes/no question after the chat words that open it, and a purpose as a reason', () => {
    // "where" here is a relative word, not what is asked.
    expect(askedType('so is the presser a thing where people ask him questions')).toBeUndefined();
    expect(askedType('wait did they meet somewhere')).toBeUndefined();
    expect(askedType('so where did they meet')).toBe('place');
    expect(asksYesOrNo('so is the presser a thing where people ask him questions')).toBe(true);
    expect(asksYesOrNo('wait did they meet somewhere')).toBe(true);
    expect(asksYesOrNo('so where did they meet')).toBe(false);
    expect(asksYesOrNo('When pressed on Syria, did he answer?')).toBe(true);
    // "how" asks how: a "when" later in the question does not make it ask for a date.
    expect(askedType('How did Trump respond when Putin said he would meet him?')).toBeUndefined();
    expect(askedType('how long did it last, and when')).toBe('duration');
    expect(hasAnswerType('The annual event allows citizens to ask questions.', 'reason', new Set())).toBe(
      true,
    );
  });

  it('wants, for "the name of X", a name standing by X, or any new name when X is not mentioned', () => {
    expect(askedType("what's the title of woodward's book")).toBe('name');
    expect(countedWords("what is the name of woodward's new book")).toEqual(['book']);
    // "a report by veteran journalist Bob Woodward in a recent book that…": no title by "book".
    expect(answer(index, "what's the title of woodward's book").match).toBe('related');
    expect(answer(index, 'what is the name of the reporter').match).toBe('direct');
    expect(answer(index, 'what is the name of the syrian leader who fell').match).toBe('direct');
  });

  it('looks for a duration where a "how long" question shares no word with the sentence that gives it', () => {
    // "The marathon sessions in the past have lasted well over four hours": no "presser", no "long".
    for (const question of ['ngl how long do these putin pressers usually go', 'conference length'])
      expect(answer(index, question).excerpts[0]?.text, question).toContain('lasted well over four hours');
    expect(wordsOfAnswersTo('duration')).toContain('hours');
    expect(wordsOfAnswersTo('time')).toEqual([]);
  });

  it('reads a capital or a people as its country: "Pyongyang" is what the article calls North Korea', () => {
    // "Kyiv has said North Korean troops fighting alongside Russian troops there have suffered heavy losses."
    for (const question of [
      'what has kyiv said about pyongyangs soldiers',
      'what did ukraine say about pyongyang troops',
    ]) {
      const result = answer(index, question);
      expect(result.excerpts[0]?.text, question).toContain('North Korean troops');
      expect(result.match, question).toBe('direct');
      expect(result.missing, question).toEqual([]);
    }
    // Kyiv speaks there, not Pyongyang: "North Korean" after "has said" is what was said, not who said it.
    const pyongyang = answer(index, 'what did pyongyang say about its soldiers losses');
    expect(pyongyang.excerpts[0]?.text).toContain('North Korean troops');
    expect(pyongyang.match).toBe('related');
    // Knowing where Pyongyang is does not make the article answer everything about it.
    expect(answer(index, 'what is the weather like in pyongyang').match).not.toBe('direct');
  });

  it('reads "talk" as the article’s "speak", through the corpus’s synonyms file', () => {
    // Without the "talk, speak" group this opened on "I will definitely talk to him" (about Assad).
    const result = answer(index, 'when did putin and trump last talk');
    expect(result.excerpts[0]?.text).toContain('spoken to him at all in over four years');
  });

  it('takes in the reason that follows a passage for a "why" question', () => {
    // "Why? Because we are becoming a truly sovereign country" shares no word with the question; it
    // follows Putin's "Russia has become much stronger" across the newsletter line.
    const result = answer(index, 'why does putin think russia is stronger');
    expect(result.excerpts[0]?.text).toContain('Russia has become much stronger');
    expect(result.excerpts[0]?.text).toContain('Because we are becoming a truly sovereign country');
    expect(result.excerpts[0]?.paragraphs).toEqual([7, 9]);
  });

  it('does not answer "which city" directly from a passage that names no place for it', () => {
    // The headline holds every other word; the article never says where the conference was held.
    expect(answer(index, 'which city was putins anual press confrence held in').match).toBe('related');
  });

  it('takes the fact only from a sentence about what was asked', () => {
    // The article dates the early weeks of the war, not when Russia took back ground in Kursk.
    const kursk = answer(index, 'when exactly did russia take back ground in kursk');
    expect(kursk.match).not.toBe('direct');
  });
});

// Questions typed fast, written blind with each misspelt word and the word meant, beside questions
// spelt right that name what the article does not (test/fixtures/spelling1-*.json). First run on the
// twenty-first session's last code (f6d22ce), the seed alone: dev 25 of 41 read as meant, 8 as
// another form (the index's stems were shown), 2 as another word, 3 right words changed; test 24 of
// 43, 9, 2, 4. The figures beside the gates are the twenty-second session's.
describe('reading misspellings written blind', () => {
  it.each([
    ['spelling1-dev', 31, 3], // 33 read right; 1 wrong, 0 right words changed
    ['spelling1-test', 28, 5], // 31 read right; 1 wrong, 1 right word changed
    // Written blind at the end of the session (82 misspelt words); first run on its last code. On
    // f6d22ce it read 45 as meant, 17 as a stem, 4 as another word, and changed 7 right words.
    ['spelling2-test', 56, 5], // 60 read right; 1 wrong, 1 right word changed (3 at its first run)
  ] as const)('%s: reads at least %i as meant, at most %i wrongly', (file, right, wrong) => {
    const path = fileURLToPath(new URL(`../fixtures/${file}.json`, import.meta.url));
    const result = evaluateSpelling(path, (question) => correctQuestion(index, question).corrections);
    expect(result.readRight).toBeGreaterThanOrEqual(right);
    expect(result.readWrong + result.rightWordsChanged).toBeLessThanOrEqual(wrong);
  });
});
