import type { CorpusProblem } from './article.js';

export const SYNONYMS_FILE = 'synonyms.txt';

/**
 * Phrases that mean the same in news writing, as written in the synonyms file; or phrases a question
 * may use for others but not the other way round ("sit down with => meet": a question about sitting
 * down with someone asks about meeting them, one about meeting is not about sitting down).
 */
export type SynonymGroup = readonly string[] | OneWayGroup;

export interface OneWayGroup {
  readonly read: readonly string[];
  readonly as: readonly string[];
}

/**
 * Parses the synonyms file: one group of equivalent phrases a line, separated by commas, or phrases
 * read as others, "a, b => c"; `#` starts a comment line. A line with fewer than two phrases, or
 * with none on a side of "=>", is reported.
 */
export function parseSynonyms(
  text: string,
  file = SYNONYMS_FILE,
): { groups: SynonymGroup[]; problems: CorpusProblem[] } {
  const groups: SynonymGroup[] = [];
  const problems: CorpusProblem[] = [];
  const phrasesOf = (list: string) =>
    list
      .split(',')
      .map((phrase) => phrase.trim())
      .filter((phrase) => phrase !== '');
  text.split(/\r?\n/).forEach((raw, index) => {
    const entry = raw.trim();
    if (entry === '' || entry.startsWith('#')) return;
    const line = index + 1;
    const sides = entry.split('=>');
    if (sides.length > 1) {
      const [read = [], as = []] = sides.map(phrasesOf);
      if (sides.length === 2 && read.length > 0 && as.length > 0) groups.push({ read, as });
      else
        problems.push({
          file,
          line,
          message: 'a one-way line needs phrases on both sides of a single "=>" (sit down with => meet)',
        });
      return;
    }
    const phrases = phrasesOf(entry);
    if (phrases.length < 2) {
      problems.push({
        file,
        line,
        message: 'a synonym group needs at least two phrases separated by commas',
      });
      return;
    }
    groups.push(phrases);
  });
  return { groups, problems };
}
