import { analyzeWord, tokenize } from '../search/analyzer.js';
import type { Searchable } from '../search/searchable.js';
import { expandShorthand } from '../text/chatShorthand.js';
import { commonWordsNear, englishCount } from '../text/englishWords.js';

/** A word of the question read as another: shorthand expanded or a misspelling corrected. */
export interface Correction {
  readonly from: string;
  readonly to: string;
}

// A word this common in English is taken as meant, even when the corpus lacks it ("meat" stays meat),
// and even when a name the corpus has is a letter away: "seize" (246 in SUBTLEX's 51 million words)
// was read as "sein" in a library with a German name in it. Rarer words may be a misspelt name
// ("kiev", 32 → "kyiv"). 1000 until the eleventh session; at 100 the dev sets and XQuAD are unchanged,
// and the seed's dev questions in a 53-article library gain two answers first.
const COMMON_WORD_COUNT = 100;
// A word English uses at least this often (5 in 51 million words) is a word, not a typo: it is
// corrected to no other English word ("fared", "ousted" stay as typed).
const RARE_WORD_COUNT = 5;
// A correction to an English word must be this many times as common as the word typed.
const MORE_COMMON_BY = 50;
// Shortest word worth correcting: two-letter words have too many neighbours.
const MIN_LENGTH = 3;

/**
 * The question as it was meant: chat shorthand expanded ("abt" → "about", "tbh" dropped), and each
 * word the corpus lacks that is no common English word corrected to the nearest corpus term
 * ("puttin" → "putin", "kurks" → "kursk") or, failing that, to a much commoner English word
 * ("wat" → "what", "hapening" → "happening"). A capitalised word is only corrected to a corpus term:
 * a name the corpus lacks ("Biden") must stay missing.
 */
export function correctQuestion(
  index: Searchable,
  text: string,
): { text: string; corrections: Correction[] } {
  const corrections: Correction[] = [];
  let corrected = '';
  let end = 0;
  const tokens = tokenize(text);
  // Whether every word so far was dropped as chat tone ("oh", "lol"): the question has not begun.
  let unbegun = true;
  for (const [i, token] of tokens.entries()) {
    const lower = token.word.toLowerCase();
    const opening = i === 0 || ASKING_WORDS.has(tokens[i - 1]?.word.toLowerCase() ?? '');
    const misspeltOpener = opening ? MISSPELT_OPENERS[lower] : undefined;
    const filler: string | undefined =
      unbegun && OPENING_FILLERS.has(lower) && QUESTION_STARTS.has(tokens[i + 1]?.word.toLowerCase() ?? '')
        ? ''
        : undefined;
    const replacement: string | undefined = misspeltOpener ?? filler ?? correctWord(index, token.word);
    unbegun &&= replacement === '';
    if (replacement === undefined) continue;
    corrections.push({ from: token.word, to: replacement });
    corrected += text.slice(end, token.start) + replacement;
    end = token.end;
  }
  return { text: corrected + text.slice(end), corrections };
}

// Misspellings of a question's opening verb that are English words themselves: read as meant only
// where a question opens ("dose putin know", "why dose he"), never elsewhere ("a dose of").
const MISSPELT_OPENERS: Readonly<Record<string, string>> = {
  dose: 'does',
  dosent: 'does not',
  doesent: 'does not',
};
const ASKING_WORDS = new Set(['why', 'how', 'what', 'when', 'where', 'who', 'which', 'so', 'and', 'but']);
// A word that opens a chat question without being its subject ("wait, how long…", "wait is the war
// almost three years old"): read so only first, before the word a question starts with; elsewhere it
// is a word ("wait times at the border").
const OPENING_FILLERS = new Set(['wait']);
const QUESTION_STARTS = new Set([
  ...ASKING_WORDS,
  ...['is', 'are', 'was', 'were', 'do', 'does', 'did', 'can', 'could', 'will', 'would', 'has', 'have', 'had'],
]);

// Corrections per index and word: typo look-ups walk the vocabulary trees, and chat repeats its words.
const cache = new WeakMap<Searchable, Map<string, string | undefined>>();
const CACHE_SIZE = 10_000;

function correctWord(index: Searchable, word: string): string | undefined {
  let known = cache.get(index);
  if (!known) {
    known = new Map();
    cache.set(index, known);
  }
  if (known.has(word)) return known.get(word);
  if (known.size >= CACHE_SIZE) known.clear();
  const corrected = findCorrection(index, word);
  known.set(word, corrected);
  return corrected;
}

/**
 * Whether an index term stands for a name rather than an English word: English never uses it, and it
 * is not the stem of a word English uses ("leav" is "leave", so "lean" is not read as it).
 */
function isNameTerm(term: string): boolean {
  if (englishCount(term) >= RARE_WORD_COUNT) return false;
  return !commonWordsNear(term, 1).some(([word]) => analyzeWord(word) === term);
}

function findCorrection(index: Searchable, word: string): string | undefined {
  const lower = word.toLowerCase();
  const shorthand = expandShorthand(lower);
  if (shorthand !== undefined) return shorthand;
  const term = analyzeWord(word);
  if (term === null || word.length < MIN_LENGTH || !/^\p{L}+$/u.test(lower)) return undefined;
  if (index.hasTerm(term)) return undefined;
  const count = englishCount(lower);
  const isWord = count >= RARE_WORD_COUNT;
  // An English word the index finds by its own typo matching is left to it; a non-word so found
  // ("aproaching", "puttin") is corrected, so that it is weighed as the word it stands for, not as a name.
  if (count >= COMMON_WORD_COUNT || (isWord && index.sentenceFrequencyOf(term) > 0)) return undefined;

  // The corpus's own words first: a misspelt name is the likeliest meaning of a word it lacks. The
  // word is tried as typed too: stemming can hide a near miss ("zelenksy" → "zelenski" is three
  // edits from "zelenskyy", the typed word two). An English word is only read as a name, never as
  // another English word ("ousted" is not "busted").
  if (term.length >= 4) {
    // A typo seldom changes a word's first letter: of the near terms, those starting as the word does
    // come first ("kurks" is "kursk", not the commoner "turks" of another article), then the commonest.
    // Measured: the seed's dev questions among 53 articles 197 → 198 first; nothing else moved.
    const sameStart = (other: string) => Number(other[0] === lower[0]);
    const near = [term, lower]
      .flatMap((form) => index.termsNear(form, form.length >= 8 ? 2 : 1))
      .filter(([other]) => other !== term && analyzeWord(other) === other)
      .sort((a, b) => sameStart(b[0]) - sameStart(a[0]) || b[1] - a[1]);
    // The commonest that qualifies; isNameTerm looks up English words near it, so it is asked lazily.
    const best = near.find(([other]) => !isWord || isNameTerm(other));
    if (best) return best[0];
  }
  if (/^\p{Lu}/u.test(word) || isWord) return undefined;
  // Then a much commoner English word no shorter than the one typed (typing drops letters far more
  // often than it adds them; "nato" must not become "not") unless a letter was typed twice ("admitt").
  // One the corpus uses first ("losess" → "losses", not the commoner "losers" nor "loses" with its
  // "s" typed twice), then the doubled letter ("verry" → "very", not "berry").
  const inCorpus = (other: string) => index.hasTerm(analyzeWord(other) ?? '');
  const english = commonWordsNear(lower, lower.length >= 7 ? 2 : 1)
    .filter(
      ([other, otherCount]) =>
        (other.length >= lower.length || isDoubledLetter(lower, other)) &&
        otherCount >= MORE_COMMON_BY * (count + 1),
    )
    .sort(
      (a, b) =>
        Number(inCorpus(b[0])) - Number(inCorpus(a[0])) ||
        Number(isDoubledLetter(lower, b[0])) - Number(isDoubledLetter(lower, a[0])) ||
        b[1] - a[1],
    );
  return english[0]?.[0];
}

/** Whether `typed` is `word` with one of its letters typed twice ("admitt", "verry"). */
function isDoubledLetter(typed: string, word: string): boolean {
  if (typed.length !== word.length + 1) return false;
  for (let i = 1; i < typed.length; i++)
    if (typed[i] === typed[i - 1] && typed.slice(0, i) + typed.slice(i + 1) === word) return true;
  return false;
}
