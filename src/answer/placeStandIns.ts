import { analyze, analyzeWord } from '../search/analyzer.js';
import type { Searchable } from '../search/searchable.js';
import { type Expansion, SynonymExpander } from '../search/synonymExpander.js';
import { placeGroups } from '../text/placeNames.js';

// Made on first use, or by prepareAnswering: reading and analysing the world's ~1,000 place names
// took 50 ms.
let expander: SynonymExpander | undefined;

export function loadPlaceNames(): SynonymExpander {
  expander ??= new SynonymExpander(placeGroups());
  return expander;
}

/**
 * The other names the corpus uses for the countries the question's terms name: "pyongyang" →
 * "North Korea", "North Korean". Their terms stand in for the question's when judging whether a
 * passage holds the question; their phrases are searched for a place the corpus lacks.
 *
 * Measured on the dev sets (fourteenth session): 4 more of 367 answerable questions answered
 * directly, each first with its answer ("What has Kyiv claimed about Pyongyang's soldiers?"), no
 * unanswerable one made direct, hit@1 and hit@3 unchanged; XQuAD unchanged. Searching every
 * question's places too, even at half weight, put passages about the country (every "Ukraine" for
 * "Kyiv") above the answer: hit@1 320 → 315.
 */
export function placeNamesFor(
  questionTerms: ReadonlySet<string>,
  inCorpus: (term: string) => boolean,
): Expansion {
  return loadPlaceNames().expand(questionTerms, inCorpus);
}

let groupTerms: Map<string, readonly string[]> | undefined;

/**
 * The index term of each one-word name of a country, its people or its capital, with every term of
 * that country's names: "syrian" → syria, syrian, damascus. A question naming one is about that place,
 * whichever of its names an article uses.
 */
export function placeGroupTerms(): ReadonlyMap<string, readonly string[]> {
  if (groupTerms) return groupTerms;
  const terms = new Map<string, readonly string[]>();
  for (const group of placeGroups()) {
    const all = group.flatMap((name) => analyze(name));
    for (const name of group) {
      const term = /\s/u.test(name) ? null : analyzeWord(name);
      if (term !== null) terms.set(term, [...new Set([...(terms.get(term) ?? []), ...all])]);
    }
  }
  groupTerms = terms;
  return terms;
}

/**
 * Whether the article names each place asked about, by one of its forms (index terms) in a
 * sentence or in `alsoIn` (its title's terms, say).
 */
export function namesEach(
  index: Searchable,
  articleId: string,
  places: readonly (readonly string[])[],
  alsoIn: ReadonlySet<string> = new Set(),
): boolean {
  const mentions = index.sentenceFrequenciesIn(articleId, new Set(places.flat()));
  return places.every((forms) => forms.some((form) => mentions.has(form) || alsoIn.has(form)));
}
