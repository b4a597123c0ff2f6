import type { Answer } from './types.js';

/** Joins words as “a”, “b” and “c”. */
function quoteList(words: readonly string[]): string {
  const quoted = words.map((word) => `“${word}”`);
  return quoted.length <= 1 ? (quoted[0] ?? '') : `${quoted.slice(0, -1).join(', ')} and ${quoted.at(-1)}`;
}

/** One plain sentence saying why no passage is offered; empty for an answered question. */
export function explainAbstention(answer: Answer, maxQuestionChars = 1000): string {
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
          ? `The corpus doesn’t mention ${quoteList(answer.missing.slice(0, 5))}, so it can’t answer that.`
          : 'Nothing in the corpus answers that.';
      const covers = answer.covers ?? [];
      return covers.length > 0 ? `${refusal} It covers ${quoteList(covers)}.` : refusal;
    }
    case 'no-articles':
      return 'This library has no articles yet: a moderator can add one with /library add.';
    default:
      return answer.reason satisfies never;
  }
}

/**
 * The hedge before passages that are only the closest ones: the article talks about the subject
 * but the passages do not hold what was asked. Empty for a direct answer or an abstention.
 */
export function explainMatch(answer: Answer): string {
  if (!answer.answered || answer.match !== 'related') return '';
  const lacking = answer.missing.length > 0 ? ` (nothing on ${quoteList(answer.missing.slice(0, 5))})` : '';
  return `The articles don’t say exactly${lacking}. Closest passages:`;
}
