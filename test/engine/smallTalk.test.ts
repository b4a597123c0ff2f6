import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { answer } from '../../src/answer/answer.js';
import { explainAbstention, explainMatch } from '../../src/answer/explain.js';
import { asksOpinion, smallTalkOf } from '../../src/answer/smallTalk.js';
import { buildEngine } from '../../src/engine.js';
import { BROWN_STORIES, brownStory } from '../../src/eval/brownStory.js';
import { evaluateSmallTalk } from '../../src/eval/smallTalkSet.js';
import { SearchIndex } from '../../src/search/searchIndex.js';

const engine = await buildEngine(fileURLToPath(new URL('../../corpus/', import.meta.url)));
const TITLE = "'I will be ready': Putin says he will meet Trump";

/** Every question of the blind sets about the seed article, answerable or not, with its style. */
async function blindQuestions(): Promise<{ question: string; style?: string; answerable: boolean }[]> {
  const folder = new URL('../fixtures/', import.meta.url);
  const files = (await readdir(folder)).filter((name) => /^seed-questions.*\.json$/u.test(name));
  const questions = [];
  for (const name of files) {
    const set = JSON.parse(await readFile(new URL(name, folder), 'utf8')) as {
      answerable: { question: string; style?: string }[];
      unanswerable: { question: string; style?: string }[];
    };
    questions.push(...set.answerable.map((q) => ({ ...q, answerable: true })));
    questions.push(...set.unanswerable.map((q) => ({ ...q, answerable: false })));
  }
  return questions;
}

describe('small talk', () => {
  it.each([
    ['hi bot', 'greeting'],
    ['good morning everyone!', 'greeting'],
    ['whats up', 'greeting'],
    ['thanks that was helpful', 'thanks'],
    ['thank you so much!! 🙏', 'thanks'],
    ['good bot', 'thanks'],
    ['is this thing even working??', 'presence'],
    ['hey bot u there', 'presence'],
    ['is the bot down', 'presence'],
    ['who made you bro', 'identity'],
    ['who are you', 'identity'],
    ['what can u do?', 'identity'],
    ['how do i use this bot', 'identity'],
    ['help', 'identity'],
    ['ｔｈａｎｋｓ　ｂｏｔ', 'thanks'],
    ['ok bye', 'farewell'],
    ['gtg thanks', 'farewell'],
    ['brb', 'farewell'],
    ['good night everyone', 'farewell'],
  ])('reads %j as %s', (message, kind) => {
    expect(smallTalkOf(message)).toBe(kind);
  });

  it.each([
    'hi, what did putin say about trump',
    'did the us help ukraine',
    'is putin alive',
    'who runs syria now',
    'who wrote this?',
    'what is it?',
    'lmao this channel is dead today',
    'what happened later',
  ])('leaves %j to be answered from the articles', (question) => {
    expect(smallTalkOf(question)).toBeUndefined();
  });

  // Three sets written blind, each split in halves: the dev halves tuned on, the test halves only
  // reported. Sets 1 and 2: 60 small-talk messages, 15 of each kind, and 40 questions about the
  // article dressed in chat; set 2 also 20 opinions asked of the bot. Set 3 (twenty-first session):
  // 100 messages, 25 of each kind, 25 opinions and 50 questions. Read from what the bot answers:
  // before the twenty-first session's reading of refused chat, set 1 test 22 of 28 answered as their
  // kind, set 2 test 14 (opinions 6 of 10), set 3 dev 30 of 52 (opinions 6 of 13), set 3 test 21 of
  // 48 (opinions 5 of 12). No question of any set was ever taken for small talk or an opinion.
  it.each([
    ['small-talk-dev', 30, 0],
    ['small-talk-test', 22, 0],
    ['small-talk2-dev', 30, 9],
    ['small-talk2-test', 16, 6],
    ['small-talk3-dev', 44, 11],
    ['small-talk3-test', 30, 4],
  ] as const)(
    'recognises chat written blind (%s), and takes none of its questions for it',
    async (file, least, opinions) => {
      const result = await evaluateSmallTalk(
        fileURLToPath(new URL(`../fixtures/${file}.json`, import.meta.url)),
        (message) => answer(engine.index, message, { people: () => engine.quotes.speakers() }),
      );
      const report = result.misses.join('\n');
      expect(result.recognised, report).toBeGreaterThanOrEqual(least);
      expect(result.opinionsRecognised, report).toBeGreaterThanOrEqual(opinions);
      expect(result.questions).toBeGreaterThanOrEqual(20);
      expect(result.questionsTaken, report).toBe(0);
    },
  );

  it('catches none of the questions the blind sets ask about the article', async () => {
    const questions = await blindQuestions();
    expect(questions.length).toBeGreaterThan(2000);
    const caught = questions.filter(
      ({ question }) => smallTalkOf(question) !== undefined || asksOpinion(question),
    );
    // No question the article answers; only chat said to the bot itself ("r u a bot or a real person").
    expect(caught.filter(({ answerable }) => answerable)).toEqual([]);
    expect(caught.filter(({ style }) => style !== 'chat' && style !== 'offtopic')).toEqual([]);
    expect(caught.map(({ question }) => question)).toContain('r u a bot or a real person lol');
    // Nor, once refused, read as chat: only chat and off-topic messages the library lacks every word of.
    const chatted = questions.filter(
      ({ question }) =>
        answer(engine.index, question, { people: () => engine.quotes.speakers() }).reason === 'small-talk',
    );
    expect(chatted.filter(({ answerable }) => answerable)).toEqual([]);
    expect(chatted.filter(({ style }) => style !== 'chat' && style !== 'offtopic')).toEqual([]);
    expect(chatted.map(({ question }) => question)).toContain('lol this bot is kinda fast ngl');
  }, 60_000);

  it('reads a message it would refuse for lacking everyday words as the chat it is', () => {
    const reply = (message: string) =>
      answer(engine.index, message, { people: () => engine.quotes.speakers() });
    expect(reply('perfect, exactly what i needed')).toMatchObject({ reason: 'small-talk', talk: 'thanks' });
    expect(reply('thanks a bunch, saved me reading the whole thing').talk).toBe('thanks');
    // Spoken to, asked something the library has no word of: what the bot is.
    expect(reply('can u recommend a good pizza place lol').talk).toBe('identity');
    // A name the library lacks keeps the refusal that names it; so does a question put to anyone.
    const biden = reply('hey bot did you see what biden said');
    expect(biden.reason).toBe('not-in-corpus');
    expect(biden.missing).toContain('biden');
    expect(reply('anyone got a good banana bread recipe').reason).toBe('not-in-corpus');
    expect(reply('how do i bake sourdough bread').reason).toBe('not-in-corpus');
  });

  it('says goodbye to someone leaving, never answering "brb" from the article’s "Bob"', () => {
    const left = answer(engine.index, 'brb grabbing food');
    expect(left).toMatchObject({ answered: false, reason: 'small-talk', talk: 'farewell' });
    expect(explainAbstention(left)).toBe('Bye! Ask me about the news here any time.');
    expect(answer(engine.index, 'afk').corrections ?? []).toEqual([]);
  });

  it('greets, thanks and introduces itself with what the library covers, never as a refusal', () => {
    const greeted = answer(engine.index, 'hi bot');
    expect(greeted).toMatchObject({ answered: false, reason: 'small-talk', talk: 'greeting' });
    expect(explainAbstention(greeted)).toBe(
      `Hi! Ask me a question about the news here and I’ll answer in the articles’ own words. I cover “${TITLE}”.`,
    );
    expect(explainAbstention(answer(engine.index, 'thx!!'))).toBe('You’re welcome.');
    const asked = explainAbstention(answer(engine.index, 'who made you'), { article: 'Another story' });
    expect(asked).toMatch(/^I’m Excerpt: I answer questions about the news articles here/u);
    expect(asked).toMatch(/I cover “Another story”\.$/u);
  });

  it('counts the articles when the library has more than the newest it names', () => {
    const library = new SearchIndex([...engine.corpus.articles, ...BROWN_STORIES.map(brownStory)]);
    const hello = answer(library, 'hey everyone');
    expect(hello).toMatchObject({ reason: 'small-talk', talk: 'greeting', articles: 5 });
    expect(hello.covers).toHaveLength(3);
    expect(explainAbstention(hello)).toMatch(/I cover 5 articles, the newest “.+”, “.+” and “.+”\.$/u);
  });

  it('says how to add an article when the library has none', () => {
    const hello = answer(new SearchIndex([]), 'hello?');
    expect(hello).toMatchObject({ answered: false, reason: 'no-articles' });
    expect(explainAbstention(hello)).toMatch(/add one with \/library add/u);
  });
});

describe('an opinion asked of the bot', () => {
  it.each([
    'what do you think about putin lol',
    'whats your take on trump',
    'what do u think of zelenskyy',
    'do you trust putin',
    'be honest, does putin scare u',
    'predict: will trump meet putin before summer',
  ])('%j gets the passages about its subject, never as a direct answer', (question) => {
    expect(asksOpinion(question)).toBe(true);
    const result = answer(engine.index, question, { people: () => engine.quotes.speakers() });
    expect(result).toMatchObject({ answered: true, match: 'related', because: 'opinion' });
    expect(result.excerpts.every((excerpt) => excerpt.match === 'related')).toBe(true);
    expect(explainMatch(result)).toBe('I give no opinions, only the articles’ own words. Closest passages:');
  });

  it('is told apart from a question about what someone in the article thinks', () => {
    expect(asksOpinion('what does putin think about trump')).toBe(false);
    expect(asksOpinion('u think russia is weaker now? wat did putin say')).toBe(false);
    expect(asksOpinion('what did putin predict about the war')).toBe(false);
    const result = answer(engine.index, 'what does putin think of the west', {
      people: () => engine.quotes.speakers(),
    });
    expect(result.because).not.toBe('opinion');
  });
});
