import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { answer, compactQuestion } from '../../src/answer/answer.js';
import { explainMatch } from '../../src/answer/explain.js';
import { answerToJson, PLAIN_STYLE, renderAnswer } from '../../src/cli/renderAnswer.js';
import { buildEngine } from '../../src/engine.js';
import { BROWN_STORIES, brownStory } from '../../src/eval/brownStory.js';
import { SearchIndex } from '../../src/search/searchIndex.js';

const engine = await buildEngine(fileURLToPath(new URL('../../corpus/', import.meta.url)));
const { index } = engine;

describe('"what is it about?" (lead.ts)', () => {
  it.each([
    "what's the article about",
    'What is it about?',
    'tldr',
    'summary of the article pls',
    'so what happened?',
    'key points',
    "what's new",
    'latest news',
    'what articles do you have',
    'eli5 pls',
    'TL;DR?',
  ])('answers "%s" with the article’s opening, whole paragraphs after the headlines', (question) => {
    const result = answer(index, question);

    expect(result).toMatchObject({ answered: true, match: 'direct', about: 'opening', total: 1 });
    expect(result.excerpts).toHaveLength(1);
    // ¶1–2 are the headline and the sub-headline that repeats it: the citation shows the title.
    expect(result.excerpts[0]?.paragraphs).toEqual([3, 4, 5]);
    expect(result.excerpts[0]?.text).toMatch(/^Putin speaks out on his relationship with Trump/u);
    expect(result.excerpts[0]?.text).toMatch(/Putin said\.$/u);
    expect(explainMatch(result)).toBe('How the article opens:');
  });

  it('leaves a question that names a subject to the search, gist words and all', () => {
    expect(answer(index, 'latest on kursk').about).toBeUndefined();
    expect(answer(index, 'explain the kursk thing').about).toBeUndefined();
    const syria = answer(index, 'tldr on the syria stuff');
    expect(syria.about).toBeUndefined();
    expect(syria.excerpts[0]?.text).toContain('Syria');
    // Only common words and no ask for the gist: still told to say what it is about.
    expect(answer(index, 'what is it?')).toMatchObject({ answered: false, reason: 'no-content-words' });
  });

  it('opens every article of a library, newest first, a page at a time', () => {
    // The newest article last: the order the articles were added in is not the order shown.
    const library = new SearchIndex([...BROWN_STORIES.map(brownStory), ...engine.corpus.articles]);
    const first = answer(library, 'what are these about', { limit: 3 });
    expect(first.total).toBe(library.articles.size);
    expect(first.excerpts.map((excerpt) => excerpt.articleId)[0]).toBe(engine.corpus.articles[0]?.id);
    expect(explainMatch(first)).toBe('How the articles open, newest first:');
    const next = answer(library, 'what are these about', { limit: 3, offset: 3 });
    const seen = [...first.excerpts, ...next.excerpts].map((excerpt) => excerpt.articleId);
    expect(new Set(seen).size).toBe(library.articles.size);
    // Every page, of every size and from every offset, is that slice of the articles sorted newest
    // first, then by title (the Brown stories share a date).
    const sorted = [...library.articles.values()]
      .sort((a, b) => b.published.localeCompare(a.published) || a.title.localeCompare(b.title))
      .map((article) => article.id);
    for (let limit = 1; limit <= sorted.length; limit++)
      for (let offset = 0; offset <= sorted.length; offset++)
        expect(
          answer(library, 'tldr', { limit, offset }).excerpts.map((excerpt) => excerpt.articleId),
          `${limit} from ${offset}`,
        ).toEqual(sorted.slice(offset, offset + limit));
    // Asked of one article, only its opening.
    const one = library.only('brown-ca14-eagles-coach');
    expect(one && answer(one, 'tldr').excerpts[0]?.text).toMatch(/Nick Skorich/u);
    expect(one && explainMatch(answer(one, 'tldr'), { article: 'Eagles' })).toBe('How the article opens:');
  });

  it('keeps asking for the gist on "More results", and says so in the terminal and the JSON', () => {
    const compact = (question: string) => compactQuestion(question, answer(index, question));
    expect(compact("what's it about?")).toBe('summary');
    expect(compact('who wrote this?')).toBe('byline');
    expect(answer(index, 'byline').about).toBe('record');
    expect(compact('who wrote the book')).toBe('wrote book');
    expect(answer(index, 'summary').about).toBe('opening');
    const result = answer(index, 'tldr');
    expect(renderAnswer(result, PLAIN_STYLE)).toMatch(/^How the article opens:\n\n1\. /u);
    expect(answerToJson(result)).toMatchObject({ about: 'opening', match: 'direct' });
  });

  it.each([
    'who wrote this',
    'who wrote this article lol',
    'when was it published',
    'what outlet is this from',
    'link?',
    'how old is this article',
  ])('answers "%s" with the article’s record (byline, publisher, date) and its opening', (question) => {
    const result = answer(index, question);

    expect(result).toMatchObject({ answered: true, match: 'direct', about: 'record' });
    expect(result.excerpts[0]).toMatchObject({
      byline: 'Sam Holder',
      publisher: 'ITV News',
      paragraphs: [3, 4, 5],
    });
    expect(explainMatch(result)).toBe(
      "“'I will be ready': Putin says he will meet Trump”: by Sam Holder, ITV News, 19 December 2024. How it opens:",
    );
    expect(answerToJson(result)).toMatchObject({
      about: 'record',
      records: [{ byline: 'Sam Holder', publisher: 'ITV News', published: '2024-12-19' }],
    });
  });

  it('leaves "who wrote the book" to the search: it names something', () => {
    expect(answer(index, 'who wrote the book').about).toBeUndefined();
    expect(answer(index, 'who wrote the book').excerpts[0]?.text).toContain('Bob Woodward in a recent book');
  });

  it('gives each article’s record on the page, newest first, in a library of several', () => {
    const library = new SearchIndex([...engine.corpus.articles, ...BROWN_STORIES.map(brownStory)]);
    const result = answer(library, 'who wrote these', { limit: 2 });
    expect(result.about).toBe('record');
    expect(explainMatch(result)).toMatch(
      /^Newest first:\n“'I will be ready'.*: by Sam Holder, ITV News, 19 December 2024\n“.+\nHow they open:$/u,
    );
  });

  // Sets written blind by helpers who read only the article (fifteenth session), each first run on
  // the rules tuned on the sets before it: set 1 6/15 gist, 9/15 record, 15/15 ordinary at first;
  // set 2 11/20, 14/20, 20/20; set 3 8/20, 8/20, 20/20; set 4 10/20, 12/20, 20/20. Sets 1–3 were
  // then tuned on; set 4 is only reported, the honest measure. Gated at what each reaches now.
  it.each([
    ['meta-questions-1.json', 14, 15],
    ['meta-questions-2.json', 20, 20],
    ['meta-questions-3.json', 19, 17],
    ['meta-questions-4.json', 10, 12],
  ])('recognises what %s asks about the article itself, and nothing else', async (file, gist, record) => {
    const set = JSON.parse(
      await readFile(fileURLToPath(new URL(`../fixtures/${file}`, import.meta.url)), 'utf8'),
    ) as {
      meta: { question: string; wants: 'gist' | 'record' }[];
      ordinary: { question: string }[];
    };
    const read = (question: string) => answer(index, question).about;
    const hits = (wants: 'gist' | 'record') =>
      set.meta.filter(
        (m) => m.wants === wants && read(m.question) === (wants === 'gist' ? 'opening' : 'record'),
      ).length;
    expect(hits('gist')).toBeGreaterThanOrEqual(gist);
    expect(hits('record')).toBeGreaterThanOrEqual(record);
    expect(set.ordinary.filter((o) => read(o.question) !== undefined).map((o) => o.question)).toEqual([]);
  });
});
