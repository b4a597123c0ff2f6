import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { answer } from '../../src/answer/answer.js';
import type { Article } from '../../src/corpus/article.js';
import { loadCorpus } from '../../src/corpus/loadCorpus.js';
import { BROWN_STORIES, brownStory } from '../../src/eval/brownStory.js';
import { loadSeedSet } from '../../src/eval/seedSet.js';
import { articleChoices, articleToken, findArticle } from '../../src/library/findArticle.js';
import { LayeredIndex } from '../../src/search/layeredIndex.js';
import { SearchIndex } from '../../src/search/searchIndex.js';

const corpus = await loadCorpus(fileURLToPath(new URL('../../corpus/', import.meta.url)));
const seed = corpus.articles[0] as Article;
const stories = BROWN_STORIES.map(brownStory);
const library = new SearchIndex([seed, ...stories], { synonyms: corpus.synonyms });
const alone = new SearchIndex([seed], { synonyms: corpus.synonyms });

/** What a reader sees of an answer: the outcome and each excerpt's article and text. */
const seen = (result: ReturnType<typeof answer>) => ({
  answered: result.answered,
  match: result.match,
  missing: result.missing,
  excerpts: result.excerpts.map((excerpt) => [excerpt.articleId, excerpt.text]),
});

describe('asking one article of a library', () => {
  it('answers every dev question of the seed as the seed alone does, though other articles are beside it', async () => {
    const set = await loadSeedSet(
      fileURLToPath(new URL('../fixtures/seed-questions-dev.json', import.meta.url)),
    );
    const scoped = library.only(seed.id);
    expect(scoped?.articles.size).toBe(1);
    let differentInLibrary = 0;
    for (const { question } of [...set.answerable, ...set.unanswerable]) {
      const expected = seen(answer(alone, question, { limit: 3 }));
      expect(seen(answer(scoped ?? library, question, { limit: 3 })), question).toEqual(expected);
      if (JSON.stringify(seen(answer(library, question, { limit: 3 }))) !== JSON.stringify(expected))
        differentInLibrary++;
    }
    // The library as a whole answers some of them otherwise: scoping is what makes them the same.
    expect(differentInLibrary).toBeGreaterThan(5);
  });

  it('names what the article lacks though another article of the library has it', () => {
    const question = 'what did the grand jury recommend';
    expect(answer(library, question, { limit: 3 }).excerpts[0]?.articleId).not.toBe(seed.id);
    const result = answer(library.only(seed.id) ?? library, question, { limit: 3 });
    expect(result.answered).toBe(false);
    expect(result.missing).toEqual(['grand', 'jury', 'recommend']);
  });

  it('keeps the last few one-article indexes, and has none for an article the library lacks', () => {
    expect(library.only(seed.id)).toBe(library.only(seed.id));
    expect(library.only('no-such-article')).toBeUndefined();
    expect(alone.only(seed.id)).toBe(alone);
  });

  it('narrows a server’s library to its own articles and the shared ones it did not hide', () => {
    const [story] = stories;
    if (!story) throw new Error('no Brown story');
    const own = new SearchIndex([story]);
    const server = new LayeredIndex(alone, own, new Set());
    expect(server.only(story.id)?.articles.has(story.id)).toBe(true);
    expect(server.only(seed.id)?.articles.has(seed.id)).toBe(true);
    expect(new LayeredIndex(alone, own, new Set([seed.id])).only(seed.id)).toBeUndefined();
  });
});

describe('finding the article someone named', () => {
  const articles = library.articles;
  const [fulton] = stories;
  if (!fulton) throw new Error('no Brown story');

  it('takes a picked choice’s token, an id, a whole title, a choice’s name or words only one title has', () => {
    expect(findArticle(articles, articleToken(seed.id)).article).toBe(seed);
    expect(findArticle(articles, ` ${seed.id} `).article).toBe(seed);
    expect(findArticle(articles, seed.title.toUpperCase()).article).toBe(seed);
    expect(findArticle(articles, `${seed.title} (${seed.published})`).article).toBe(seed);
    expect(findArticle(articles, 'will meet   TRUMP').article).toBe(seed);
    expect(findArticle(articles, fulton.title.slice(0, 20)).article).toBe(fulton);
  });

  it('says how many match when several do, and when none or nothing was named', () => {
    expect(findArticle(articles, 'the')).toEqual({
      problem: expect.stringMatching(/^\d+ articles match “the”\.$/),
    });
    expect(findArticle(articles, 'no such words')).toEqual({
      problem: 'No article here matches “no such words”.',
    });
    expect(findArticle(articles, '   ')).toEqual({ problem: 'No article is named.' });
    const long = findArticle(articles, 'x'.repeat(6000)).problem ?? '';
    expect(long.length).toBeLessThan(120);
  });

  it('never throws and always names one article or gives a sentence, whatever is typed', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (typed) => {
        const found = findArticle(articles, typed);
        if (found.article) expect(articles.get(found.article.id)).toBe(found.article);
        else expect(found.problem).toMatch(/\.$/);
      }),
    );
  });

  it('offers at most 25 choices, titles starting with what was typed first, each valued by its token', () => {
    const all = articleChoices(articles.values(), '');
    expect(all.length).toBe(Math.min(25, articles.size));
    const seedChoice = articleChoices(articles.values(), "'i will")[0];
    expect(seedChoice).toEqual({ name: `${seed.title} (${seed.published})`, value: articleToken(seed.id) });
    expect(articleToken(seed.id)).toMatch(/^[0-9a-z]{14}$/);
    const oldest = [...articles.values()].sort((a, b) => a.published.localeCompare(b.published))[0];
    const suggested = articleChoices(articles.values(), '', [oldest?.id ?? '', 'no-such-article']);
    expect(suggested[0]?.value).toBe(articleToken(oldest?.id ?? ''));
    expect(suggested.length).toBe(Math.min(25, articles.size));
    const typed = 'a';
    const ranked = articleChoices(articles.values(), typed).map((choice) => choice.name.toLowerCase());
    const firstOther = ranked.findIndex((name) => !name.startsWith(typed));
    if (firstOther >= 0) expect(ranked.slice(firstOther).every((name) => !name.startsWith(typed))).toBe(true);
  });
});
