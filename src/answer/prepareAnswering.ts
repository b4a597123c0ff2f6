import { englishCount, loadSpellingTargets } from '../text/englishWords.js';
import { loadLemmatizer } from '../text/lemmatizer.js';
import { wordVectorsAvailable } from '../text/wordNeighbours.js';
import { synonymsAvailable } from '../text/wordnetSynonyms.js';
import { loadTagger } from './answerType.js';
import { loadPlaceNames } from './placeStandIns.js';

/**
 * Loads now what every first answer loads on first use: wink-lemmatizer's word lists, the English
 * word counts, wink-nlp's model, WordNet's synonyms, the word vectors and the place names (about
 * 0.75 s together).
 * `npm run ask` and the bot call this while the index's file is read and checked in another thread
 * (see snapshotFile.ts), so that the two overlap; and the bot never holds its event loop for them later.
 */
export function prepareAnswering(): void {
  loadLemmatizer();
  englishCount('the');
  loadTagger();
  synonymsAvailable();
  wordVectorsAvailable();
  loadPlaceNames();
}

/**
 * What the bot also loads before it serves: the common words a misspelt word is matched to (the
 * first question with a typo would list them at once: 15 ms measured, 0.09–0.17 s while they were a
 * radix tree, during which no one was answered). `npm run ask` lists them only for a question that
 * needs them.
 */
export function prepareServing(): void {
  prepareAnswering();
  loadSpellingTargets();
}
