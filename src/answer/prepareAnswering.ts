import { englishCount } from '../text/englishWords.js';
import { loadLemmatizer } from '../text/lemmatizer.js';
import { synonymsAvailable } from '../text/wordnetSynonyms.js';
import { loadTagger } from './answerType.js';

/**
 * Loads now what every first answer loads on first use: wink-lemmatizer's word lists, the English
 * word counts, wink-nlp's model and WordNet's synonyms (about 0.6 s together). `npm run ask` and
 * the bot call this while the index's file is read and checked in another thread (see
 * snapshotFile.ts), so that the two overlap; and the bot never holds its event loop for them later.
 */
export function prepareAnswering(): void {
  loadLemmatizer();
  englishCount('the');
  loadTagger();
  synonymsAvailable();
}
