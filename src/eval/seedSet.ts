import { readFile } from 'node:fs/promises';
import { normalizeText } from '../text/normalize.js';
import type { AnswerableCase } from './evaluate.js';

interface SeedQuestionFile {
  readonly article: string;
  readonly answerable: readonly { question: string; expect: string | string[]; kind: string }[];
  readonly unanswerable: readonly { question: string; why: string }[];
}

export interface SeedSet {
  readonly answerable: readonly (AnswerableCase & { kind: string })[];
  readonly unanswerable: readonly string[];
}

/** The hand-written question set about the seed article: an answer is a passage containing `expect`. */
export async function loadSeedSet(path: string): Promise<SeedSet> {
  const file = JSON.parse(await readFile(path, 'utf8')) as SeedQuestionFile;
  return {
    answerable: file.answerable.map(({ question, expect, kind }) => {
      const accepted = (Array.isArray(expect) ? expect : [expect]).map(normalizeText);
      return {
        question,
        kind,
        isAnswer: (passage) =>
          passage.articleId === file.article &&
          accepted.some((text) => normalizeText(passage.text).includes(text)),
      };
    }),
    unanswerable: file.unanswerable.map(({ question }) => question),
  };
}
