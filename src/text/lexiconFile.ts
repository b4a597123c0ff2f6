import { readFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { installCacheFile, writeInstallFile } from './installCache.js';
import { byCodeUnit, findLine } from './sortedLines.js';

// wink-lemmatizer reads five of wink-lexicon's modules: WordNet's 77,262 base words (each one's
// senses) and its adjective, noun and verb exceptions, written as 3 MB of JavaScript statements.
// Compiling and running them took 0.33 s of every `npm run ask`. At install they are cut to a
// 1.1 MB text file of sorted lines, which loads in a few milliseconds and is searched by bisection;
// the lemmatizer itself is the library's, given the same data through Node's module cache.

const FORMAT = 'excerpt-lexicon-1';
export const LEXICON_FILE = installCacheFile(`${FORMAT}.txt`);

/** The modules wink-lemmatizer requires, by the name of their section in the file. */
const MODULES = {
  adjective: 'wink-lexicon/src/wn-adjective-exceptions.js',
  noun: 'wink-lexicon/src/wn-noun-exceptions.js',
  verb: 'wink-lexicon/src/wn-verb-exceptions.js',
  words: 'wink-lexicon/src/wn-words.js',
  senses: 'wink-lexicon/src/wn-word-senses.js',
} as const;
const EXCEPTIONS = ['adjective', 'noun', 'verb'] as const;

/** Requires wink-lexicon's modules as wink-lemmatizer does (from its own folder). */
function lexiconRequire(): NodeJS.Require {
  const require = createRequire(import.meta.url);
  return createRequire(require.resolve('wink-lemmatizer'));
}

/**
 * A require that loads each module from its own file, never from Node's cache: once preloadLexicon
 * has run, the cache holds this file's views of them (which list no keys).
 */
function ownModules(require: NodeJS.Require): NodeJS.Require {
  return Object.assign((request: string): unknown => {
    const filename = require.resolve(request);
    const cached = require.cache[filename];
    delete require.cache[filename];
    try {
      return require(filename);
    } finally {
      if (cached) require.cache[filename] = cached;
    }
  }, require);
}

/**
 * The file's text: the format's name and wink-lexicon's version, then a section per exceptions list
 * (`adjective <count>`, then `word<TAB>lemma` lines, sorted) and the words (`words <count>`, then
 * `word<TAB>senses` lines, where a word's line number in its section is its number in wn-words.js).
 * Throws if the lexicon is not what this format expects (install then leaves the file unbuilt).
 */
export function extractLexicon(require = ownModules(lexiconRequire())): string {
  const { version } = require('wink-lexicon/package.json') as { version: string };
  const lines = [`${FORMAT} ${version}`];
  const checked = (text: string) => {
    if (/[\t\n]/.test(text) || text === '') throw new Error(`unexpected entry ${JSON.stringify(text)}`);
    return text;
  };
  for (const section of EXCEPTIONS) {
    const exceptions = require(MODULES[section]) as Record<string, string>;
    const keys = Object.keys(exceptions).sort(byCodeUnit);
    lines.push(`${section} ${keys.length}`);
    for (const key of keys) lines.push(`${checked(key)}\t${checked(String(exceptions[key]))}`);
  }
  const words = require(MODULES.words) as Record<string, number>;
  const senses = require(MODULES.senses) as readonly (readonly number[])[];
  const keys = Object.keys(words).sort(byCodeUnit);
  if (keys.length === 0) throw new Error('wink-lexicon lists no words');
  lines.push(`words ${keys.length}`);
  for (const [n, key] of keys.entries()) {
    // Numbered in sorted order in wink-lexicon 2.2.0: the line number then stands for the number.
    if (words[key] !== n) throw new Error(`"${key}" is word ${words[key]}, not ${n}`);
    lines.push(`${checked(key)}\t${(senses[n] ?? []).join(' ')}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Writes the file atomically (see extractLexicon); returns the number of words. */
export function writeLexicon(text = extractLexicon(), file = LEXICON_FILE): number {
  writeInstallFile(file, text, /^excerpt-lexicon-.*\.txt$/);
  return Number(/^words (\d+)$/m.exec(text)?.[1] ?? 0);
}

/** What wink-lemmatizer's five modules export, made from the file's text. */
export interface LexiconModules {
  readonly adjective: Readonly<Record<string, string>>;
  readonly noun: Readonly<Record<string, string>>;
  readonly verb: Readonly<Record<string, string>>;
  readonly words: Readonly<Record<string, number>>;
  readonly senses: readonly (readonly number[])[];
}

/**
 * The modules' exports from the file's text, or undefined if the text is of another format or
 * lexicon version. Each is a read-only view over the sorted lines: looking a word up bisects them
 * (as wink-lexicon's objects, which have no prototype, any other key is undefined).
 */
export function parseLexicon(text: string, version: string): LexiconModules | undefined {
  const lines = text.split('\n');
  if (lines[0] !== `${FORMAT} ${version}`) return undefined;
  const sections = new Map<string, readonly string[]>();
  for (let at = 1; at < lines.length && lines[at] !== ''; ) {
    const [name = '', countText = ''] = (lines[at] ?? '').split(' ');
    const count = Number(countText);
    const list = lines.slice(at + 1, at + 1 + count);
    // A cut-short or damaged file is not used: a word missing from it would be lemmatised otherwise
    // than the index's words were, silently.
    if (!Number.isInteger(count) || list.length !== count || list.some((line) => !line.includes('\t')))
      return undefined;
    sections.set(name, list);
    at += 1 + count;
  }
  if (!['adjective', 'noun', 'verb', 'words'].every((name) => sections.has(name))) return undefined;
  const section = (name: string) => sections.get(name) ?? [];
  const exceptions = (name: string) => {
    const list = section(name);
    return lookup((key) => {
      const line = list[find(list, key)];
      return line?.slice(key.length + 1);
    });
  };
  const wordLines = section('words');
  return {
    adjective: exceptions('adjective'),
    noun: exceptions('noun'),
    verb: exceptions('verb'),
    words: lookup((key) => {
      const n = find(wordLines, key);
      return n < 0 ? undefined : n;
    }),
    senses: new Proxy([] as number[][], {
      get: (_, key) => {
        const line = typeof key === 'string' && /^\d+$/.test(key) ? wordLines[Number(key)] : undefined;
        return line
          ?.slice(line.indexOf('\t') + 1)
          .split(' ')
          .map(Number);
      },
    }),
  };
}

/** An object whose property `key` is `get(key)`, with no other properties (no prototype either). */
function lookup<T>(get: (key: string) => T | undefined): Readonly<Record<string, T>> {
  return new Proxy(Object.create(null) as Record<string, T>, {
    get: (_, key) => (typeof key === 'string' ? get(key) : undefined),
  });
}

/** The line number of `key` (a single field: a tab in it finds nothing), or -1. */
const find = (lines: readonly string[], key: string): number =>
  key.includes('\t') ? -1 : findLine(lines, key);

/**
 * Puts the file's modules in Node's module cache, where wink-lemmatizer's `require` then finds them
 * instead of compiling wink-lexicon's. Returns whether it did: when the file is missing (not built)
 * or of another format or version, nothing is put there and the library loads its own.
 */
export function preloadLexicon(file = LEXICON_FILE): boolean {
  const require = lexiconRequire();
  let modules: LexiconModules | undefined;
  try {
    const { version } = require('wink-lexicon/package.json') as { version: string };
    modules = parseLexicon(readFileSync(file, 'utf8'), version);
  } catch {
    return false;
  }
  if (!modules) return false;
  for (const [section, request] of Object.entries(MODULES)) {
    const filename = require.resolve(request);
    const module = new Module(filename);
    module.filename = filename;
    module.loaded = true;
    module.exports = modules[section as keyof typeof MODULES];
    require.cache[filename] = module;
  }
  return true;
}
