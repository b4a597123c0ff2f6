import { paragraphLabel } from '../answer/citation.js';
import { type ExplainOptions, explainAbstention, explainMatch, explainReading } from '../answer/explain.js';
import type { Answer, Excerpt } from '../answer/types.js';
import { count } from '../text/plural.js';

export interface TerminalStyle {
  readonly bold: (text: string) => string;
  readonly dim: (text: string) => string;
}

export const ANSI_STYLE: TerminalStyle = {
  bold: (text) => `\u001b[1m${text}\u001b[22m`,
  dim: (text) => `\u001b[2m${text}\u001b[22m`,
};

// Piped output stays verbatim: no escape codes, no case changes.
export const PLAIN_STYLE: TerminalStyle = { bold: (text) => text, dim: (text) => text };

/** The excerpt with its highlighted ranges passed through `mark`. */
export function highlight(excerpt: Excerpt, mark: (text: string) => string): string {
  let out = '';
  let cursor = 0;
  for (const [start, end] of excerpt.highlights) {
    out += excerpt.text.slice(cursor, start) + mark(excerpt.text.slice(start, end));
    cursor = end;
  }
  return out + excerpt.text.slice(cursor);
}

/** An answer as readable terminal text; `asked.article` names the one article it was asked of. */
export function renderAnswer(answer: Answer, style: TerminalStyle, asked: ExplainOptions = {}): string {
  if (!answer.answered) return `${explainAbstention(answer, asked)}\n`;
  const blocks = answer.excerpts.map((excerpt, i) => {
    const heading = `${answer.offset + i + 1}. ${style.bold(excerpt.title)} ${paragraphLabel(excerpt.paragraphs)}`;
    const source = style.dim(`${excerpt.publisher}, ${excerpt.published}`);
    const body = highlight(excerpt, style.bold)
      .split('\n')
      .map((line) => `   ${line}`)
      .join('\n');
    return `${heading} (${source})\n${body}\n   ${style.dim(excerpt.link)}`;
  });
  const shown = answer.offset + answer.excerpts.length;
  const more =
    answer.total > shown
      ? `\n${count(answer.total - shown, 'more passage')} match${answer.total - shown === 1 ? 'es' : ''} (--limit to see them).`
      : '';
  const missing =
    answer.missing.length > 0
      ? `\nNot in the ${asked.article === undefined ? 'corpus' : 'article'}: ${answer.missing.map((word) => `“${word}”`).join(', ')}.`
      : '';
  const hedge = explainMatch(answer, asked);
  const reading = explainReading(answer);
  return `${reading ? `${style.dim(reading)}\n` : ''}${hedge ? `${hedge}\n\n` : reading ? '\n' : ''}${blocks.join('\n\n')}\n${more}${missing}\n`;
}

/** An article's record as the JSON gives it, asked who wrote it, when or where. */
function recordOf(excerpt: Answer['excerpts'][number]): object {
  return {
    article: excerpt.articleId,
    title: excerpt.title,
    ...(excerpt.byline ? { byline: excerpt.byline } : {}),
    publisher: excerpt.publisher,
    published: excerpt.published,
    url: excerpt.url,
  };
}

/** The machine-readable form other tools and the bot's tests build on. */
export function answerToJson(answer: Answer): object {
  return {
    question: answer.question,
    answered: answer.answered,
    ...(answer.reason ? { reason: answer.reason } : {}),
    ...(answer.talk ? { talk: answer.talk } : {}),
    ...(answer.articles === undefined ? {} : { articles: answer.articles }),
    ...(answer.match ? { match: answer.match } : {}),
    // Why a related answer is only related, when it is more than missing words (see explainMatch).
    ...(answer.because ? { because: answer.because } : {}),
    ...(answer.asks ? { asks: answer.asks } : {}),
    ...(answer.speaker ? { speaker: answer.speaker } : {}),
    // Asked about the articles themselves: the results are their openings ("opening" or "record").
    ...(answer.about ? { about: answer.about } : {}),
    ...(answer.about === 'record' ? { records: answer.excerpts.map(recordOf) } : {}),
    results: answer.excerpts.map((excerpt) => ({
      article: excerpt.articleId,
      title: excerpt.title,
      url: excerpt.url,
      link: excerpt.link,
      paragraphs: excerpt.paragraphs,
      excerpt: excerpt.text,
      score: Math.round(excerpt.score * 1000) / 1000,
      ...(excerpt.match ? { match: excerpt.match } : {}),
    })),
    missing: answer.missing,
    ...(answer.covers ? { covers: answer.covers } : {}),
    // Words read as others: shorthand expanded, misspellings corrected, people's descriptions named.
    ...(answer.corrections ? { corrections: answer.corrections } : {}),
  };
}
