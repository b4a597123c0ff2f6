import { displayDate } from '../text/displayDate.js';
import type { AnswerType } from './answerType.js';
import type { Answer } from './types.js';

/** The kind of fact a question asks for, as the hedge names it: "don't say exactly when". */
const WHAT_IS_ASKED: Readonly<Record<AnswerType, string>> = {
  number: 'how many',
  age: 'how old',
  duration: 'how long',
  time: 'when',
  date: 'on what date',
  frequency: 'how often',
  share: 'what share',
  place: 'where',
  person: 'who',
  reason: 'why',
  name: 'what it is called',
};

/** Joins words as “a”, “b” and “c”. */
function quoteList(words: readonly string[]): string {
  const quoted = words.map((word) => `“${word}”`);
  return quoted.length <= 1 ? (quoted[0] ?? '') : `${quoted.slice(0, -1).join(', ')} and ${quoted.at(-1)}`;
}

/** How an answer was asked for: of one article only (its title), and the longest question taken. */
export interface ExplainOptions {
  readonly article?: string;
  readonly maxQuestionChars?: number;
}

/** One plain sentence saying why no passage is offered; empty for an answered question. */
export function explainAbstention(answer: Answer, options: ExplainOptions = {}): string {
  const { article, maxQuestionChars = 1000 } = options;
  const source = article === undefined ? 'The corpus' : `“${article}”`;
  switch (answer.reason) {
    case undefined:
      return '';
    case 'empty':
      return 'Ask a question in words: this one has no letters or numbers.';
    case 'too-long':
      return `That question is too long: keep it under ${maxQuestionChars.toLocaleString('en-GB')} characters.`;
    case 'no-content-words':
      return 'That question has only common words such as “what” or “is”: add what it is about.';
    case 'not-in-corpus': {
      const refusal =
        answer.missing.length > 0
          ? `${source} doesn’t mention ${quoteList(answer.missing.slice(0, 5))}, so it can’t answer that.`
          : `Nothing in ${article === undefined ? 'the corpus' : source} answers that.`;
      // The titles the library covers: no news when the one article asked of is named already.
      const covers = article === undefined ? (answer.covers ?? []) : [];
      return covers.length > 0 ? `${refusal} It covers ${quoteList(covers)}.` : refusal;
    }
    case 'no-articles':
      return 'This library has no articles yet: a moderator can add one with /library add.';
    case 'small-talk':
      return replyToSmallTalk(answer, article);
    default:
      return answer.reason satisfies never;
  }
}

/** A short reply to something said to the bot ("hi bot", "thanks"), pointing back to what it does. */
function replyToSmallTalk(answer: Answer, article: string | undefined): string {
  const covers = article === undefined ? (answer.covers ?? []) : [article];
  const count = article === undefined ? (answer.articles ?? covers.length) : 1;
  const cover =
    covers.length === 0
      ? 'There are no articles here yet: a moderator can add one with /library add.'
      : count > covers.length
        ? `I cover ${count.toLocaleString('en-GB')} articles, the newest ${quoteList(covers)}.`
        : `I cover ${quoteList(covers)}.`;
  switch (answer.talk) {
    case 'thanks':
      return 'You’re welcome.';
    case 'greeting':
      return `Hi! Ask me a question about the news here and I’ll answer in the articles’ own words. ${cover}`;
    case 'presence':
      return `I’m here: ask me a question about the news. ${cover}`;
    case 'farewell':
      return 'Bye! Ask me about the news here any time.';
    default:
      return `I’m Excerpt: I answer questions about the news articles here with passages in their own words, cited, or say when they don’t say. I give no answers or opinions of my own. ${cover}`;
  }
}

/**
 * The hedge before passages that are only the closest ones: the article talks about the subject
 * but the passages do not hold what was asked; or, asked what it is about, what the passages are.
 * Empty for a direct answer or an abstention.
 */
export function explainMatch(answer: Answer, options: Pick<ExplainOptions, 'article'> = {}): string {
  // Asked what it is about: the passages are the articles' openings, and the reader should know so.
  const one = options.article !== undefined || answer.total === 1;
  if (answer.answered && answer.about === 'opening')
    return one ? 'How the article opens:' : 'How the articles open, newest first:';
  // Who wrote it, when, where: each article's record, then how it opens.
  if (answer.answered && answer.about === 'record') {
    const records = answer.excerpts.map(
      (excerpt) =>
        `“${cut(excerpt.title, MAX_TITLE_CHARS)}”: ${excerpt.byline ? `by ${excerpt.byline}, ` : ''}${excerpt.publisher}, ${displayDate(excerpt.published)}`,
    );
    return one && records.length === 1
      ? `${records[0]}. How it opens:`
      : `Newest first:\n${records.join('\n')}\nHow they open:`;
  }
  if (!answer.answered || answer.match !== 'related') return '';
  const lacking = answer.missing.length > 0 ? ` (nothing on ${quoteList(answer.missing.slice(0, 5))})` : '';
  const source = options.article === undefined ? 'The articles don’t' : 'The article doesn’t';
  // What the passages lack, when it is more than words: the asker learns why, not just that.
  if (answer.because === 'not-their-words' && answer.speaker)
    return `${source} report “${answer.speaker}” saying that${lacking}. Closest passages:`;
  // Asked what the bot thinks: it has no opinion; what the articles say about the subject follows.
  if (answer.because === 'opinion')
    return `I give no opinions, only ${options.article === undefined ? 'the articles’' : 'the article’s'} own words. Closest passages:`;
  // Its words (or words for them, "seize" for "capture") are there: only not as having happened.
  if (answer.because === 'did-not-happen') return `${source} say that happened. Closest passages:`;
  // Its words are in a photo caption or a promotion on the page, which is never quoted: "nothing on
  // “newsletter”" would be untrue, and the asker knows where to look.
  if (answer.because === 'page-furniture')
    return `${source} say that in the story, only in a caption or promotion on the page, which is not quoted. Closest passages:`;
  if (answer.because === 'not-given' && answer.asks)
    return `${source} say exactly ${WHAT_IS_ASKED[answer.asks]}${lacking}. Closest passages:`;
  return `${source} say exactly${lacking}. Closest passages:`;
}

// A title in a record line is cut to this many characters: three records stay a few short lines.
const MAX_TITLE_CHARS = 120;

/** The text cut to `max` code points (a cut never splits an emoji's surrogate pair), "…" marking a cut. */
function cut(text: string, max: number): string {
  const points = Array.from(text);
  return points.length > max ? `${points.slice(0, max).join('')}…` : text;
}

// At most this many readings are named, each word cut to this length: the line stays a line.
const MAX_READINGS = 3;
const MAX_READING_CHARS = 40;

/**
 * The words of the question read as others, worth telling the asker so that they can tell whether
 * the answer is to what they meant: misspellings corrected and descriptions of people read as names
 * (Read “putn” as “putin”, “the Russian leader” as “Putin”.), not chat shorthand ("gonna"). Empty
 * when there are none, or the question was not answered.
 */
export function explainReading(answer: Answer): string {
  if (!answer.answered) return '';
  const told = (answer.corrections ?? []).filter(
    (reading) => reading.kind !== 'shorthand' && reading.to !== '',
  );
  if (told.length === 0) return '';
  const readings = told
    .slice(0, MAX_READINGS)
    .map(({ from, to }) => `“${cut(from, MAX_READING_CHARS)}” as “${cut(to, MAX_READING_CHARS)}”`);
  return `Read ${readings.join(', ')}${told.length > MAX_READINGS ? ', and more' : ''}.`;
}
