import { createRequire } from 'node:module';
import { preloadLexicon } from './lexiconFile.js';

// wink-lemmatizer, required on first use rather than imported: its word lists took a third of a
// second to load; they now come from the file cut at install (lexiconFile.ts) when it is there.

type Lemmatizer = typeof import('wink-lemmatizer').default;
let loaded: Lemmatizer | undefined;

function lemmatizer(): Lemmatizer {
  if (!loaded) {
    preloadLexicon();
    loaded = createRequire(import.meta.url)('wink-lemmatizer') as Lemmatizer;
  }
  return loaded;
}

/** The word's base form as a verb ("toppled" → "topple"); the word itself when it is none. */
export const verbLemma = (word: string): string => lemmatizer().verb(word);
/** The word's base form as a noun ("relatives" → "relative"). */
export const nounLemma = (word: string): string => lemmatizer().noun(word);
/** The word's base form as an adjective ("bigger" → "big"). */
export const adjectiveLemma = (word: string): string => lemmatizer().adjective(word);

/** Loads the word lists now, so that a later first use does not wait for them. */
export function loadLemmatizer(): void {
  lemmatizer();
}
