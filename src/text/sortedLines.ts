// Files cut at install (WordNet's synonyms and lexicon, SUBTLEX's counts) are lines `key<TAB>…`
// sorted by code unit, read as an array of lines and searched by bisection: no map of tens of
// thousands of entries is built on every start.

/**
 * The number of the line `key<TAB>…` among lines sorted by code unit, or -1. The tab sorts before
 * every character a key has, so comparing whole lines with `key<TAB>` orders them by their keys.
 */
export function findLine(lines: readonly string[], key: string): number {
  const probe = `${key}\t`;
  let low = 0;
  let high = lines.length - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const line = lines[middle] ?? '';
    if (line.startsWith(probe)) return middle;
    if (line < probe) low = middle + 1;
    else high = middle - 1;
  }
  return -1;
}

/** Code-unit order, the order findLine searches. */
export const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
