import { analyzeWord } from '../search/analyzer.js';
import { ENGLISH_COUNTS_FILE, writeEnglishCounts } from './englishWords.js';
import { LEXICON_FILE, writeLexicon } from './lexiconFile.js';
import { PLACES_FILE, writePlaceNames } from './placeNames.js';
import { extractSynonyms, SYNONYM_FILE, writeSynonyms } from './wordnetSynonyms.js';
import { extractWordVectors, WORD_VECTOR_FILE, writeWordVectors } from './wordVectorFile.js';

// `npm run vectors` (and npm's postinstall): builds the word vectors and the WordNet synonyms Excerpt
// reads (see wordVectorFile.ts, wordnetSynonyms.ts). Without them answers still work, but
// paraphrases that share no word with the article are not bridged.
const shown = (file: string) => file.replace(process.cwd(), '.');

function build(what: string, make: () => string): void {
  const started = performance.now();
  try {
    console.log(`${what}: ${make()} in ${Math.round(performance.now() - started)} ms`);
  } catch (error) {
    console.error(`${what} not built: ${(error as Error).message}`);
    process.exitCode = 1;
  }
}

build('Word vectors', () => {
  const table = extractWordVectors(analyzeWord);
  writeWordVectors(table);
  return `${table.words.length} words → ${shown(WORD_VECTOR_FILE)}`;
});
build('WordNet synonyms', () => {
  const synonyms = extractSynonyms();
  writeSynonyms(synonyms);
  return `${synonyms.size} words → ${shown(SYNONYM_FILE)}`;
});
build('WordNet lexicon for the lemmatizer', () => `${writeLexicon()} words → ${shown(LEXICON_FILE)}`);
build('English word counts', () => `${writeEnglishCounts()} words → ${shown(ENGLISH_COUNTS_FILE)}`);
build('Place names', () => `${writePlaceNames()} countries → ${shown(PLACES_FILE)}`);
