import { NAME_PARTICLES } from './lexicon.js';

/** A run of capitalised words ("Ukrainian President Volodymyr Zelenskyy", "Bashar al-Assad"). */
export interface NameRun {
  readonly start: number;
  readonly end: number;
  /** The words as written, a possessive "’s" or "'" removed. */
  readonly words: readonly string[];
  /** The first word starts a sentence, so its capital letter proves nothing. */
  readonly sentenceInitial: boolean;
  /** The run ends in a possessive: "Putin’s views", "ITV News' Sam Holder". */
  readonly possessive: boolean;
}

/** A word with its offsets; hyphens and apostrophes inside a word keep it whole ("al-Assad", "O’Neill"). */
export interface Word {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

const WORD = /[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*/gu;
const POSSESSIVE_S = /['’]s$/u;
const CAPITALISED = /^\p{Lu}/u;
// "al-Assad", "el-Sisi": a lower-case particle joined to a capitalised name.
const PARTICLE_NAME = /^\p{Ll}{1,3}-\p{Lu}/u;

/** The words of a text with their offsets. */
export function words(text: string): Word[] {
  return Array.from(text.matchAll(WORD), (match) => ({
    text: match[0],
    start: match.index,
    end: match.index + match[0].length,
  }));
}

/** True for a word written with a capital, or a particle-led name such as "al-Assad". */
export function isCapitalised(word: string): boolean {
  return CAPITALISED.test(word) || PARTICLE_NAME.test(word);
}

/**
 * Runs of capitalised words separated by single spaces, with name particles ("von der", "bin")
 * allowed between capitalised words. Punctuation, possessives and line breaks end a run.
 */
export function findNameRuns(text: string): NameRun[] {
  const all = words(text);
  const runs: NameRun[] = [];
  let index = 0;
  while (index < all.length) {
    const first = all[index];
    if (first === undefined || !isCapitalised(first.text)) {
      index++;
      continue;
    }
    const run: Word[] = [first];
    let possessive = endsPossessive(text, first);
    let next = index + 1;
    while (!possessive && next < all.length) {
      const candidate = all[next];
      const previous = run.at(-1);
      if (candidate === undefined || previous === undefined) break;
      const gap = text.slice(previous.end, candidate.start);
      // "John M. Karns", "J. Edgar Hoover": an initial and its full stop stay in the name (not the
      // "S." of "U.S.", which follows another full stop).
      const initial = gap === '. ' && /^\p{Lu}$/u.test(previous.text) && text[previous.start - 1] !== '.';
      if (gap !== ' ' && !initial) break;
      if (initial) run[run.length - 1] = { ...previous, text: `${previous.text}.`, end: previous.end + 1 };
      const particle = NAME_PARTICLES.has(candidate.text) && isCapitalised(all[next + 1]?.text ?? '');
      if (!isCapitalised(candidate.text) && !particle) break;
      run.push(candidate);
      possessive = endsPossessive(text, candidate);
      next++;
    }
    while (run.length > 1 && !isCapitalised(run.at(-1)?.text ?? '')) run.pop();
    // "William H. Draper, Jr.", "Martin Luther King Jr.": the suffix is part of the name.
    const tail = run.at(-1) ?? first;
    const suffix = possessive ? null : /^,?\s(Jr|Sr)\.?(?![\p{L}])/u.exec(text.slice(tail.end));
    const suffixWord = suffix && all[index + run.length];
    if (suffix && suffixWord && run.length > 1) {
      run.push({ ...suffixWord, text: `${suffix[1]}.`, end: tail.end + suffix[0].length });
      possessive = endsPossessive(text, run.at(-1) ?? tail);
    }
    const last = run.at(-1) ?? first;
    runs.push({
      start: first.start,
      end: last.end,
      words: run.map((word) => word.text.replace(POSSESSIVE_S, '')),
      sentenceInitial: startsSentence(text, first.start),
      possessive,
    });
    index = index + run.length;
  }
  return runs;
}

function endsPossessive(text: string, word: Word): boolean {
  return POSSESSIVE_S.test(word.text) || /^['’](?![\p{L}\p{N}])/u.test(text.slice(word.end, word.end + 2));
}

/** True when only spaces and opening marks separate `offset` from the text's start or a sentence end. */
export function startsSentence(text: string, offset: number): boolean {
  let at = offset - 1;
  while (at >= 0 && /[\s"'“‘«]/u.test(text[at] ?? '')) at--;
  while (at >= 0 && /["'”’»)]/u.test(text[at] ?? '')) at--;
  return at < 0 || /[.!?:;]/u.test(text[at] ?? '');
}
