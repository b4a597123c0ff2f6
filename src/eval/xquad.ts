import { readFile } from 'node:fs/promises';
import type { Article } from '../corpus/article.js';
import { normalizeText } from '../text/normalize.js';
import type { AnswerableCase } from './evaluate.js';

interface SquadFile {
  readonly data: readonly {
    readonly title: string;
    readonly paragraphs: readonly {
      readonly context: string;
      readonly qas: readonly {
        question: string;
        answers: readonly { text: string; answer_start: number }[];
      }[];
    }[];
  }[];
}

export interface XquadSet {
  readonly articles: readonly Article[];
  readonly cases: readonly AnswerableCase[];
}

/**
 * XQuAD (SQuAD v1.1 format) as a corpus: each Wikipedia article's paragraphs become one article, and
 * a passage answers a question when it comes from the answer's paragraph and contains the answer span.
 */
export async function loadXquad(path: string): Promise<XquadSet> {
  const file = JSON.parse(await readFile(path, 'utf8')) as SquadFile;
  const articles: Article[] = [];
  const cases: AnswerableCase[] = [];
  for (const entry of file.data) {
    const id = entry.title;
    articles.push({
      id,
      file: `${id}.md`,
      title: entry.title.replace(/_/g, ' '),
      url: `https://en.wikipedia.org/wiki/${encodeURIComponent(entry.title)}`,
      publisher: 'Wikipedia',
      published: '2016-06-16',
      paragraphs: entry.paragraphs.map((paragraph, index) => ({
        number: index + 1,
        line: index + 1,
        text: normalizeText(paragraph.context),
        furniture: false,
      })),
    });
    entry.paragraphs.forEach((paragraph, index) => {
      for (const qa of paragraph.qas) {
        const span = normalizeText(qa.answers[0]?.text ?? '');
        cases.push({
          question: qa.question,
          isAnswer: (passage) =>
            passage.articleId === id && passage.paragraphs.includes(index + 1) && passage.text.includes(span),
        });
      }
    });
  }
  return { articles, cases };
}
