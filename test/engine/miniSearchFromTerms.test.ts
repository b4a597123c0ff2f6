import { fileURLToPath } from 'node:url';
import MiniSearch from 'minisearch';
import { describe, expect, it } from 'vitest';
import { runToEnd } from '../../src/cooperative.js';
import { loadCorpus } from '../../src/corpus/loadCorpus.js';
import { BROWN_STORIES, brownStory } from '../../src/eval/brownStory.js';
import { analyze } from '../../src/search/analyzer.js';
import { articleSentences } from '../../src/search/chunk.js';
import { SENTENCE_INDEX, TITLE_INDEX } from '../../src/search/indexParts.js';
import { sentenceMiniSearch, titleMiniSearch } from '../../src/search/miniSearchFromTerms.js';
import { SentenceTermsBuilder } from '../../src/search/sentenceTerms.js';
import { Vocabulary } from '../../src/search/vocabulary.js';

// The seed article and the Brown Corpus stories, analysed as the index analyses them.
const { articles } = await loadCorpus(fileURLToPath(new URL('../../corpus/', import.meta.url)));
const library = [...articles, ...BROWN_STORIES.map(brownStory)];
const vocabulary = new Vocabulary();
const builder = new SentenceTermsBuilder();
for (const article of library)
  for (const sentence of articleSentences(article)) {
    const ids = analyze(sentence.text).map((term) => vocabulary.intern(term));
    for (const id of new Set(ids)) vocabulary.countSentence(id);
    builder.add(ids);
  }
const terms = builder.build();
// A low bar, so that some sentences hold only common terms and are left out, as at 10,000 articles.
const common = vocabulary.commonTerms(8);

/** What adding each sentence made before: its terms but the common ones, joined by spaces. */
function addedOneByOne(): MiniSearch {
  const miniSearch = new MiniSearch(SENTENCE_INDEX);
  for (let n = 0; n < terms.sentenceCount; n++) {
    const words = Array.from(terms.of(n))
      .filter((id) => !common.has(id))
      .map((id) => vocabulary.word(id));
    if (words.length > 0) miniSearch.add({ id: n, terms: words.join(' ') });
  }
  return miniSearch;
}

/** MiniSearch's JSON form with its terms in order (the radix tree's order is insertion order). */
function normalised(miniSearch: MiniSearch): unknown {
  const json = miniSearch.toJSON();
  return { ...json, index: [...json.index].sort(([a], [b]) => (a < b ? -1 : 1)) };
}

describe('the sentence index made straight from the packed terms', () => {
  const made = runToEnd(sentenceMiniSearch(terms, vocabulary, common, SENTENCE_INDEX));
  const added = addedOneByOne();

  it('is the index that adding every sentence makes, down to its lengths and mean length', () => {
    expect(common.size).toBeGreaterThan(0);
    expect(made.documentCount).toBeLessThan(terms.sentenceCount); // some held only common terms
    expect(normalised(made)).toEqual(normalised(added));
  });

  it('finds the same sentences with the same scores, in the same order', () => {
    const searchOptions = { prefix: false, fuzzy: false, combineWith: 'OR' as const };
    for (const question of ['grand jury election', 'skorich salary coach', 'kursk north korean troops']) {
      const query = analyze(question).join(' ');
      const found = made.search(query, searchOptions);
      expect(found.length).toBeGreaterThan(0);
      expect(found).toEqual(added.search(query, searchOptions));
    }
  });
});

describe('the titles’ index made from each title’s terms', () => {
  it('is the index that adding every title makes, and a second one from the kept analyses is too', () => {
    const added = new MiniSearch(TITLE_INDEX);
    for (const [ordinal, article] of library.entries()) added.add({ id: ordinal, title: article.title });
    const first = runToEnd(titleMiniSearch(library, TITLE_INDEX));
    const again = runToEnd(titleMiniSearch([...library].reverse(), TITLE_INDEX));
    const reversed = new MiniSearch(TITLE_INDEX);
    for (const [ordinal, article] of [...library].reverse().entries())
      reversed.add({ id: ordinal, title: article.title });

    expect(normalised(first)).toEqual(normalised(added));
    expect(normalised(again)).toEqual(normalised(reversed));
  });
});
