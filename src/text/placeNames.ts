import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { installCacheFile, writeInstallFile } from './installCache.js';

// The world's countries by the names news writing gives them (world-countries, ODbL): the country,
// its people ("Ukrainian", "North Korean"), its capital standing for its government ("Kyiv said…",
// "Pyongyang's soldiers"), and its other everyday names ("Holland"). A question that says "Kyiv's
// leader" is about what an article calls "Ukrainian President…". The package is 22 MB of maps and a
// 1.4 MB JSON list; at install the groups are cut to a few kilobytes of lines.

const FORMAT = 'excerpt-places-1';
export const PLACES_FILE = installCacheFile(`${FORMAT}.txt`);

interface Country {
  readonly name: { readonly common: string };
  readonly altSpellings?: readonly string[];
  readonly capital?: readonly string[];
  readonly demonyms?: { readonly eng?: { readonly f?: string; readonly m?: string } };
}

// Another name in plain words ("Holland", "Great Britain", "Russian Federation"), not a code ("UA",
// "IN", which would read as the word "in") nor a name in another script.
const EVERYDAY_NAME = /^\p{Lu}[a-z]+(?: \p{Lu}[a-z]+){0,2}$/u;

/** A line per country: its names, people and capitals, comma-separated, as the synonyms file writes a group. */
export function placeGroupLines(): string[] {
  const countries = createRequire(import.meta.url)('world-countries/countries.json') as readonly Country[];
  const lines: string[] = [];
  for (const country of countries) {
    const { f, m } = country.demonyms?.eng ?? {};
    const names = [
      country.name.common,
      ...(country.altSpellings ?? []).filter((name) => EVERYDAY_NAME.test(name)),
      m,
      f,
      ...(country.capital ?? []).map(capitalName).filter((name) => !name.startsWith('The ')),
    ].filter((name): name is string => name !== undefined && name !== '' && !/[,\n]/u.test(name));
    const distinct = [...new Set(names)];
    if (distinct.length > 1) lines.push(distinct.join(', '));
  }
  return lines;
}

// "Washington D.C." is "Washington" in news writing. A capital named by a common noun ("The Valley",
// "The Bottom") is left out: the question's "valley" is not Anguilla.
function capitalName(name: string): string {
  return name.replace(/ D\.C\.$/u, '');
}

/** Writes the groups atomically (see placeGroupLines); returns the number of countries. */
export function writePlaceNames(lines = placeGroupLines(), file = PLACES_FILE): number {
  writeInstallFile(file, `${FORMAT} ${lines.length}\n${lines.join('\n')}\n`, /^excerpt-places-.*\.txt$/);
  return lines.length;
}

let groups: readonly (readonly string[])[] | undefined;

/** Each country's names as a group of phrases (made from the package when the file is not built). */
export function placeGroups(): readonly (readonly string[])[] {
  if (groups) return groups;
  let lines: string[] | undefined;
  try {
    lines = parsePlaceNames(readFileSync(PLACES_FILE, 'utf8'));
  } catch {
    // Not built: made from the package below.
  }
  groups = (lines ?? placeGroupLines()).map((line) => line.split(', '));
  return groups;
}

/** The one-word names of countries, their people and capitals, lower-cased ("syrian", "kyiv"). */
export function oneWordPlaceNames(): ReadonlySet<string> {
  oneWord ??= new Set(
    placeGroups()
      .flat()
      .map((name) => name.toLowerCase())
      .filter((name) => /^\p{L}+$/u.test(name)),
  );
  return oneWord;
}
let oneWord: ReadonlySet<string> | undefined;

/** The file's lines, or undefined when it is of another format or not whole. */
export function parsePlaceNames(text: string): string[] | undefined {
  const lines = text.split('\n');
  const countries = lines.slice(1, -1);
  return lines[0] === `${FORMAT} ${countries.length}` && lines.at(-1) === '' ? countries : undefined;
}
