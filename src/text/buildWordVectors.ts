import { analyzeWord } from '../search/analyzer.js';
import { extractWordVectors, WORD_VECTOR_FILE, writeWordVectors } from './wordVectorFile.js';

// `npm run vectors` (and npm's postinstall): builds the word vectors Excerpt reads (see wordVectorFile.ts).
// Without them answers still work, but paraphrases that share no word with the article are not bridged.
const started = performance.now();
try {
  const table = extractWordVectors(analyzeWord);
  writeWordVectors(table);
  console.log(
    `Word vectors: ${table.words.length} words in ${Math.round(performance.now() - started)} ms → ${WORD_VECTOR_FILE.replace(process.cwd(), '.')}`,
  );
} catch (error) {
  console.error(`Word vectors not built: ${(error as Error).message}`);
  process.exitCode = 1;
}
