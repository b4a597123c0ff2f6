import { readFile } from 'node:fs/promises';
import { normalizeText } from '../text/normalize.js';
import type { AnswerableCase } from './evaluate.js';

interface SeedQuestionFile {
  readonly article: string;
  readonly answerable: readonly {
    question: string;
    expect: string | string[];
    kind?: string;
    style?: string;
  }[];
  readonly unanswerable: readonly { question: string; why: string; style?: string }[];
}

/** A question with the style it is written in ("casual", "misspelt", "tricky", …). */
export interface StyledQuestion {
  readonly question: string;
  readonly style: string;
}

export interface SeedSet {
  readonly answerable: readonly (AnswerableCase & StyledQuestion)[];
  readonly unanswerable: readonly StyledQuestion[];
}

/** A question set about one article: an answer is a passage of it containing one of `expect`. */
export async function loadSeedSet(path: string): Promise<SeedSet> {
  const file = JSON.parse(await readFile(path, 'utf8')) as SeedQuestionFile;
  return {
    answerable: file.answerable.map(({ question, expect, kind, style }) => {
      const accepted = (Array.isArray(expect) ? expect : [expect]).map(normalizeText);
      return {
        question,
        style: style ?? kind ?? 'other',
        isAnswer: (passage) =>
          passage.articleId === file.article &&
          accepted.some((text) => normalizeText(passage.text).includes(text)),
      };
    }),
    unanswerable: file.unanswerable.map(({ question, style }) => ({ question, style: style ?? 'other' })),
  };
}
