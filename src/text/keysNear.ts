import type SearchableMap from 'minisearch/SearchableMap';

/**
 * Keys of the radix tree at most `distance` edits from `word`, with their values. Two letters
 * swapped ("kremiln" for "kremlin") count as one edit, as people type them (MiniSearch's fuzzy
 * look-up counts them as two), and a swap may come with further edits ("zelenksy" → "zelenskyy").
 */
export function keysNear<T>(map: SearchableMap<T>, word: string, distance: number): Map<string, T> {
  const found = new Map<string, T>();
  for (const [key, [value]] of map.fuzzyGet(word, distance)) found.set(key, value);
  for (const swapped of neighbourSwaps(word)) {
    if (distance > 1) {
      for (const [key, [value]] of map.fuzzyGet(swapped, distance - 1)) found.set(key, value);
      continue;
    }
    const value = map.get(swapped);
    if (value !== undefined) found.set(swapped, value);
  }
  return found;
}

/** The word with two neighbouring (different) letters swapped, at each place it can be. */
export function neighbourSwaps(word: string): string[] {
  const swaps: string[] = [];
  for (let i = 0; i + 1 < word.length; i++) {
    if (word[i] === word[i + 1]) continue;
    swaps.push(word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2));
  }
  return swaps;
}
