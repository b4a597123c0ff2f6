import { createRequire } from 'node:module';

// Required, not imported with a JSON attribute: the bundled CLI (see cli/runBundled.mjs) keeps packages
// outside its bundle, and esbuild drops the attribute from an external import.
const britishSpellings = createRequire(import.meta.url)(
  'american-british-english-translator/data/british_spellings.json',
) as Record<string, string>;

// Entries of the list that are also ordinary words in their own right, where mapping them would part
// a word from its inflections ("buses" → "busses" leaves "bus" behind) or merge two meanings
// ("tonne" → "ton", "analyses" as the plural of "analysis").
const KEPT_AS_WRITTEN = new Set([
  'analyses',
  'buses',
  'busing',
  'gases',
  'gauge',
  'gauged',
  'gauges',
  'gauging',
  'minibuses',
  'paralyses',
  'tonne',
  'tonnes',
]);

const AMERICAN = new Map(
  Object.entries(britishSpellings).filter(([british]) => !KEPT_AS_WRITTEN.has(british)),
);

/**
 * The American spelling of a folded (lower-case, unaccented) British one ("colour" → "color",
 * "emphasise" → "emphasize"), else the word itself. Search terms and quote words both pass through
 * it, on the corpus's side and the user's alike, so either spelling finds the other.
 */
export function americanSpelling(word: string): string {
  return AMERICAN.get(word) ?? word;
}
