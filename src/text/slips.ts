import { doubleMetaphone } from 'double-metaphone';
import { neighbourSwaps } from './nearWords.js';

// How a word typed may be a slip of another: the shapes of typing mistakes that spelling
// correction reads (see correctQuestion.ts), each a plain comparison of two lower-case words.

/**
 * Whether `typed` is `name` with a common slip: a letter dropped ("asad", "putn"), a letter typed
 * twice ("puttin", "trumpp"), or two neighbouring letters swapped ("kremiln"), and a swap with one
 * of the others ("zelenksy" for "zelenskyy"). Not a letter replaced: "jong" is not "jone".
 */
export function isSlip(typed: string, name: string): boolean {
  if (typed === name) return false;
  return [typed, ...neighbourSwaps(typed)].some(
    (form) => form === name || extraLetter(name, form) !== 'none' || isDoubledLetter(form, name),
  );
}

/**
 * How `typed` is `word` with one letter more: "doubled" when the letter is typed twice ("admitt",
 * "verry"), "other" when it is another ("ruble", "rule"), "none" when it is not so.
 */
export function extraLetter(typed: string, word: string): 'doubled' | 'other' | 'none' {
  if (typed.length !== word.length + 1) return 'none';
  let found: 'other' | 'none' = 'none';
  for (let i = 0; i < typed.length; i++) {
    if (typed.slice(0, i) + typed.slice(i + 1) !== word) continue;
    if (typed[i] === typed[i - 1]) return 'doubled';
    found = 'other';
  }
  return found;
}

/** Whether `typed` is `word` with one of its letters typed twice ("admitt", "verry"). */
export function isDoubledLetter(typed: string, word: string): boolean {
  return extraLetter(typed, word) === 'doubled';
}

/**
 * Whether a reading starts as the word typed does: the same first letter, the first two swapped
 * ("hte"), the first dropped ("ello"), or a "c" heard as "k" ("corean"). Typing seldom changes a
 * word's first letter: "keir" is not "heir".
 */
export function sameStart(typed: string, word: string): boolean {
  if (typed[0] === word[0]) return true;
  if ((typed[0] === word[1] && typed[1] === word[0]) || typed === word.slice(1)) return true;
  return /^[ck]$/u.test(typed[0] ?? '') && /^[ck]$/u.test(word[0] ?? '');
}

/** Whether `typed` is `word` with two letters apart replaced ("starmer", "started"). */
export function twoReplaced(typed: string, word: string): boolean {
  if (typed.length !== word.length) return false;
  const differ: number[] = [];
  for (let i = 0; i < typed.length && differ.length <= 2; i++) if (typed[i] !== word[i]) differ.push(i);
  if (differ.length !== 2) return false;
  // Next to each other, they may be a letter dropped and another added ("setbaks", "setback"), but
  // not when neither letter moved ("jinping", "jumping").
  const [i = 0, j = 0] = differ;
  return j > i + 1 || (typed[i] !== word[j] && typed[j] !== word[i]);
}

/** Whether two words share a Double Metaphone code: spelt differently, said the same. */
export function soundsAlike(a: string, b: string): boolean {
  const codes = new Set(doubleMetaphone(a));
  return doubleMetaphone(b).some((code) => codes.has(code));
}
