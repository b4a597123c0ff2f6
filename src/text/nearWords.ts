import { distance as editDistance } from 'fastest-levenshtein';

/**
 * A word list that finds the words within a few edits of a typed one, two swapped neighbouring
 * letters counting as one edit ("kremiln" for "kremlin"), as people type them, and a swap may come
 * with further edits ("zelenksy" → "zelenskyy").
 *
 * Found by scanning, not by walking a radix tree: the words are kept by length, each with the
 * letters it uses (a bit per letter, folded into 32 bits), and only a word whose length and letters
 * could be that close is compared in full (fastest-levenshtein). An edit changes a word's length by
 * at most one and its letters by at most two (one gone, one new); a swap changes neither. So no word
 * close enough is skipped, and most words of a near length are skipped after one read. Walking
 * MiniSearch's tree (its fuzzy look-up, then one more look-up per possible swap) took 0.9 ms a word
 * among the 27,000 terms of 10,000 articles.
 */
export class NearWords {
  private readonly words: string[] = [];
  /** The words of each length (in code units): their positions and letters, in the order added. */
  private readonly byLength: LengthGroup[] = [];

  constructor(words: Iterable<string> = []) {
    for (const word of words) this.add(word);
  }

  get size(): number {
    return this.words.length;
  }

  /** Adds a word; its position is the number of words added before it. */
  add(word: string): number {
    const at = this.words.length;
    this.words.push(word);
    let group = this.byLength[word.length];
    if (!group) {
      group = new LengthGroup();
      this.byLength[word.length] = group;
    }
    group.add(at, word);
    return at;
  }

  word(at: number): string {
    return this.words[at] ?? '';
  }

  /**
   * The positions, in the order added, of the words at most `distance` edits from `word` (itself
   * included): a plain edit distance (Levenshtein), or two neighbouring letters of `word` swapped
   * and at most `distance − 1` edits more. With `sameFirstLetter`, only words starting as it does.
   */
  near(word: string, distance: number, sameFirstLetter = false): number[] {
    const found: number[] = [];
    if (distance < 0) return found;
    const letters = lettersOf(word);
    const first = word.charCodeAt(0);
    let swaps: string[] | undefined;
    const longest = Math.min(word.length + distance, this.byLength.length - 1);
    for (let length = Math.max(0, word.length - distance); length <= longest; length++) {
      const group = this.byLength[length];
      if (!group) continue;
      // A swap keeps the length and the letters: with the edits after it, no more apart than edits alone.
      const candidates = group.withLettersNear(letters, 2 * distance, sameFirstLetter ? first : ANY);
      for (const at of candidates) {
        const other = this.words[at] ?? '';
        const edits = editDistance(word, other);
        if (edits <= distance) {
          found.push(at);
          continue;
        }
        // A swap is two edits of a plain distance; with `distance − 1` more, at most `distance + 1`.
        if (edits > distance + 1 || distance === 0) continue;
        swaps ??= neighbourSwaps(word);
        if (swaps.some((swapped) => editDistance(swapped, other) <= distance - 1)) found.push(at);
      }
    }
    return found.sort((a, b) => a - b);
  }
}

/** The words of one length: positions and letter sets in growing typed arrays. */
class LengthGroup {
  private positions: Uint32Array<ArrayBuffer> = new Uint32Array(INITIAL_CAPACITY);
  private letters: Uint32Array<ArrayBuffer> = new Uint32Array(INITIAL_CAPACITY);
  /** Each word's first code unit. */
  private firsts: Uint32Array<ArrayBuffer> = new Uint32Array(INITIAL_CAPACITY);
  private size = 0;

  add(at: number, word: string): void {
    if (this.size === this.positions.length) {
      this.positions = grown(this.positions, 2 * this.size);
      this.letters = grown(this.letters, 2 * this.size);
      this.firsts = grown(this.firsts, 2 * this.size);
    }
    this.positions[this.size] = at;
    this.letters[this.size] = lettersOf(word);
    this.firsts[this.size] = word.charCodeAt(0);
    this.size++;
  }

  /**
   * The positions of the words whose letter sets differ from `letters` in at most `most` letters,
   * and that start with the code unit `first` unless it is ANY.
   */
  withLettersNear(letters: number, most: number, first: number): number[] {
    const found: number[] = [];
    const { positions, size, firsts } = this;
    const own = this.letters;
    for (let i = 0; i < size; i++) {
      if (first !== ANY && firsts[i] !== first) continue;
      if (bitCount((own[i] as number) ^ letters) <= most) found.push(positions[i] as number);
    }
    return found;
  }
}

// Small: a server's own index of a few articles keeps a list too, and most lengths have few words.
const INITIAL_CAPACITY = 8;
/** No first code unit asked for (charCodeAt gives NaN past the end, never this). */
const ANY = -1;

/** The word with two neighbouring (different) letters swapped, at each place it can be. */
export function neighbourSwaps(word: string): string[] {
  const swaps: string[] = [];
  for (let i = 0; i + 1 < word.length; i++) {
    if (word[i] === word[i + 1]) continue;
    swaps.push(word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2));
  }
  return swaps;
}

/** The letters a word uses, a bit each by code unit modulo 32 ("a" and "q" share none; "p" and "0" one). */
function lettersOf(word: string): number {
  let bits = 0;
  for (let i = 0; i < word.length; i++) bits |= 1 << (word.charCodeAt(i) & 31);
  return bits >>> 0;
}

function bitCount(bits: number): number {
  let v = bits - ((bits >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

function grown(from: Uint32Array, capacity: number): Uint32Array<ArrayBuffer> {
  const to = new Uint32Array(capacity);
  to.set(from);
  return to;
}
