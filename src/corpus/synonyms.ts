import type { CorpusProblem } from './article.js';

export const SYNONYMS_FILE = 'synonyms.txt';

/** Phrases that mean the same in news writing, as written in the synonyms file. */
export type SynonymGroup = readonly string[];

/**
 * Parses the synonyms file: one group of equivalent phrases a line, separated by commas; `#` starts
 * a comment line. A line with fewer than two phrases is reported.
 */
export function parseSynonyms(
  text: string,
  file = SYNONYMS_FILE,
): { groups: SynonymGroup[]; problems: CorpusProblem[] } {
  const groups: SynonymGroup[] = [];
  const problems: CorpusProblem[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const entry = raw.trim();
    if (entry === '' || entry.startsWith('#')) return;
    const phrases = entry
      .split(',')
      .map((phrase) => phrase.trim())
      .filter((phrase) => phrase !== '');
    if (phrases.length < 2) {
      problems.push({
        file,
        line: index + 1,
        message: 'a synonym group needs at least two phrases separated by commas',
      });
      return;
    }
    groups.push(phrases);
  });
  return { groups, problems };
}
