import { analyzeWord } from '../search/analyzer.js';
import { zipf } from '../text/englishWords.js';
import { adjectiveLemma, nounLemma, verbLemma } from '../text/lemmatizer.js';
import { broaderWordsOf, PARTS_OF_SPEECH, type PartOfSpeech, synonymsOf } from '../text/wordnetSynonyms.js';

// How a question word the corpus lacks is matched to the corpus's words through WordNet: its
// synonyms, and what it is a kind of, read as the part of speech the question uses it in.

// Words commoner than this ("put", "get") have many senses, and weigh too little to matter; as a
// broader word, one so common ("move", "go") stands for too much.
const MAX_SYNONYM_ZIPF = 5.5;

/**
 * WordNet's synonyms of the word ("talk" → "speak") that the corpus has, with their index terms:
 * the word's commonest sense, as the part of speech the question uses it in, so each means the same
 * and can make an answer direct. A verb's broader words count too (below).
 */
export function corpusSynonyms(
  word: string,
  term: string,
  inCorpus: (term: string) => boolean,
  as: readonly PartOfSpeech[],
): { word: string; term: string }[] {
  if (zipf(word) > MAX_SYNONYM_ZIPF) return [];
  const lemmas = lemmasOf(word);
  const found: { word: string; term: string }[] = [];
  for (const synonym of [...synonymsOf(lemmas, as), ...broaderVerbsOf(lemmas, as)]) {
    const synonymTerm = analyzeWord(synonym);
    if (synonymTerm === null || synonymTerm === term || !inCorpus(synonymTerm)) continue;
    if (!found.some((other) => other.term === synonymTerm)) found.push({ word: synonym, term: synonymTerm });
  }
  return found;
}

/**
 * Whether WordNet says the commonest sense of `word` is a kind of `other` ("bargaining" is a kind of
 * "negotiating"). A word-vector neighbour that is also this is as good as a synonym: the two signals
 * rarely agree by chance, where either alone ("weather" → "defy", a verb sense) misleads. Measured
 * on the dev sets: 2 more of 260 answered directly, no unanswerable one made direct; broader words
 * alone (as synonyms, before parts of speech) made 6 more direct but 3 unanswerable ones too (2026-11-28). The other way
 * round ("ruler" a kind of "leader") added nothing.
 */
export function isKindOf(word: string, other: string, as: readonly PartOfSpeech[]): boolean {
  const ofOther = new Set(lemmasOf(other));
  return broaderWordsOf(lemmasOf(word), as).some((broader) => ofOther.has(broader));
}

// The question's tags (wink-nlp's universal parts of speech) as WordNet's; any other tag (a proper
// noun, a mis-tagged chat word) looks the word up as every part of speech.
const WORDNET_PART_OF_SPEECH: Readonly<Record<string, readonly PartOfSpeech[]>> = {
  NOUN: ['noun'],
  VERB: ['verb'],
  ADJ: ['adj'],
  ADV: ['adv'],
};

/** The parts of speech to read a question word as in WordNet, from its tag in the question. */
export function wordNetPartsOfSpeech(word: string, tag: string | undefined): readonly PartOfSpeech[] {
  const as = WORDNET_PART_OF_SPEECH[tag ?? ''] ?? PARTS_OF_SPEECH;
  // A gerund or participle ("bargaining hand", "the toppled regime") is a verb's form too.
  return as.length === 1 && as[0] !== 'verb' && /(ing|ed)$/u.test(word) ? [...as, 'verb'] : as;
}

/**
 * What a verb of the question is a way of doing, when that is specific enough to stand for it
 * ("topple" → "fall", "shelter" → "provide"), not an everyday verb ("withdraw" → "go", "move").
 * Measured on the dev sets (2026-11-28): 2 more of 260 answered directly and one more first, no
 * unanswerable one made direct; the report-only premise and Brown test sets gained too (2 more
 * direct, 1 more first). Nouns' broader words are categories, not stand-ins ("sanctions" →
 * "commendation", by the noun's commonest sense): with them an unanswerable question became direct.
 * Without parts of speech ("weather" → "defy", the verb's sense) three did.
 */
function broaderVerbsOf(lemmas: readonly string[], as: readonly PartOfSpeech[]): string[] {
  if (!as.includes('verb')) return [];
  return broaderWordsOf(lemmas, ['verb']).filter((broader) => zipf(broader) < MAX_SYNONYM_ZIPF);
}

function lemmasOf(word: string): string[] {
  return [word, nounLemma(word), verbLemma(word), adjectiveLemma(word)];
}
