import { existsSync } from 'node:fs';
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Article } from '../src/corpus/article.js';
import { FURNITURE_RULES_FILE, type FurnitureRule } from '../src/corpus/furnitureRules.js';
import { loadCorpus } from '../src/corpus/loadCorpus.js';
import { parseArticle } from '../src/corpus/parseArticle.js';
import { SYNONYMS_FILE, type SynonymGroup } from '../src/corpus/synonyms.js';
import { loadXquad } from '../src/eval/xquad.js';
import { splitIntoSentences } from '../src/text/sentences.js';

/** An article file as it would sit in the corpus folder. */
export interface CorpusFile {
  readonly name: string;
  readonly text: string;
}

/** The real text the generator recombines: the seed corpus and the XQuAD articles. */
export interface SourceText {
  readonly seedDir: string;
  /** The seed corpus's own files, verbatim. */
  readonly seedFiles: readonly CorpusFile[];
  readonly rules: readonly FurnitureRule[];
  /** The seed corpus's synonym groups, which every engine built from a generated corpus uses. */
  readonly synonyms: readonly SynonymGroup[];
  /** Seed articles first, then XQuAD's (empty when XQuAD is absent). */
  readonly articles: readonly Article[];
  /** Every story sentence of the real articles. */
  readonly sentences: readonly string[];
  /** Sentences per paragraph of each real article: the shapes generated articles take. */
  readonly shapes: readonly (readonly number[])[];
  /** Capitalised words found inside sentences: material for made-up names. */
  readonly names: readonly string[];
}

/** Reads the seed corpus folder and, when the file exists, XQuAD's articles. */
export async function loadSourceText(seedDir: string, xquadPath: string | undefined): Promise<SourceText> {
  const seed = await loadCorpus(seedDir);
  if (seed.articles.length === 0) throw new Error(`bench: no articles in the seed corpus ${seedDir}`);
  const seedFiles = await Promise.all(
    seed.articles.map(async (article) => ({
      name: article.file,
      text: await readFile(join(seedDir, article.file), 'utf8'),
    })),
  );
  const xquad = xquadPath && existsSync(xquadPath) ? (await loadXquad(xquadPath)).articles : [];
  const articles = [...seed.articles, ...xquad];
  const sentences: string[] = [];
  const shapes: number[][] = [];
  for (const article of articles) {
    const shape: number[] = [];
    for (const paragraph of article.paragraphs) {
      if (paragraph.furniture) continue;
      const spans = splitIntoSentences(paragraph.text);
      shape.push(spans.length);
      for (const span of spans) sentences.push(paragraph.text.slice(span.start, span.end));
    }
    shapes.push(shape);
  }
  const names = [...new Set(sentences.flatMap((sentence) => innerCapitalised(sentence)))];
  return {
    seedDir,
    seedFiles,
    rules: seed.furnitureRules,
    synonyms: seed.synonyms,
    articles,
    sentences,
    shapes,
    names,
  };
}

/** Capitalised words that do not start the sentence: mostly names. */
function innerCapitalised(sentence: string): string[] {
  return [...sentence.matchAll(/(?<=\s)\p{Lu}\p{Ll}{2,}\b/gu)].map((match) => match[0]);
}

/** A small deterministic PRNG (mulberry32): the same seed number gives the same corpus. */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Random = () => number;
const pick = <T>(random: Random, list: readonly T[]): T => {
  const item = list[Math.floor(random() * list.length)];
  if (item === undefined) throw new Error('bench: cannot pick from an empty list');
  return item;
};

export interface GenerateOptions {
  /** Articles in all; the real ones come first. */
  readonly size: number;
  readonly seed: number;
  /** Made-up names per generated article, so that the vocabulary grows with the corpus as news does. */
  readonly namesPerArticle: number;
  /** Share of numbers replaced by other numbers of the same length. */
  readonly numberChange: number;
}

export const DEFAULT_GENERATE_OPTIONS: Omit<GenerateOptions, 'size'> = {
  seed: 1,
  namesPerArticle: 4,
  numberChange: 0.3,
};

const PUBLISHERS = ['Example News', 'The Example Times', 'Example Wire', 'Example Daily'];
const DAY_MS = 86_400_000;
const FIRST_DATE = Date.UTC(2024, 0, 1);

/**
 * A corpus of `size` article files: the seed corpus's own files, then XQuAD's articles, then
 * articles made by recombining their sentences. A made-up article takes the paragraph shape of a
 * real one, fills each paragraph with random real sentences, renames a few of the names in them
 * (consistently within the article) and changes some numbers. Deterministic from `seed`.
 */
export function generateCorpusFiles(
  source: SourceText,
  options: Partial<GenerateOptions> = {},
): CorpusFile[] {
  const { size, seed, namesPerArticle, numberChange } = {
    ...DEFAULT_GENERATE_OPTIONS,
    size: source.articles.length,
    ...options,
  };
  const real = [
    ...source.seedFiles,
    ...source.articles.slice(source.seedFiles.length).map((article) => ({
      name: article.file,
      text: renderArticle(
        article,
        article.paragraphs.map((paragraph) => paragraph.text),
      ),
    })),
  ];
  const files = real.slice(0, size);
  const random = createRandom(seed);
  for (let number = files.length; number < size; number++) {
    files.push(madeUpArticle(source, random, number, seed, namesPerArticle, numberChange));
  }
  return files;
}

function madeUpArticle(
  source: SourceText,
  random: Random,
  number: number,
  seed: number,
  namesPerArticle: number,
  numberChange: number,
): CorpusFile {
  const shape = pick(random, source.shapes);
  let paragraphs = shape.map((count) =>
    Array.from({ length: Math.max(1, count) }, () => pick(random, source.sentences)).join(' '),
  );
  const body = paragraphs.join('\n');
  const renamed = [...new Set(innerCapitalised(body))].sort(() => random() - 0.5).slice(0, namesPerArticle);
  for (const name of renamed) {
    const other = pick(random, source.names);
    const made = name.slice(0, Math.ceil(name.length / 2)) + other.slice(Math.floor(other.length / 2));
    const pattern = new RegExp(`\\b${name}\\b`, 'gu');
    paragraphs = paragraphs.map((text) => text.replace(pattern, made));
  }
  paragraphs = paragraphs.map((text) =>
    text.replace(/\d+/g, (digits) =>
      random() < numberChange ? randomDigits(random, digits.length) : digits,
    ),
  );
  const published = new Date(FIRST_DATE + Math.floor(random() * 730) * DAY_MS).toISOString().slice(0, 10);
  const id = `${published}-generated-${seed}-${String(number).padStart(5, '0')}`;
  // A first paragraph of only punctuation would leave no title, which the loader refuses.
  const title =
    (paragraphs[0] ?? '')
      .split(/\s+/)
      .slice(0, 6 + Math.floor(random() * 7))
      .join(' ')
      .replace(/[\s,;:.!?]+$/u, '') || `Article ${number}`;
  const article: Omit<Article, 'paragraphs'> = {
    id,
    file: `${id}.md`,
    title,
    url: `https://news.example.org/${seed}/${number}`,
    publisher: pick(random, PUBLISHERS),
    published,
    ...(random() < 0.5 ? { byline: `${pick(random, source.names)} ${pick(random, source.names)}` } : {}),
  };
  return { name: article.file, text: renderArticle(article, paragraphs) };
}

function randomDigits(random: Random, length: number): string {
  let digits = String(1 + Math.floor(random() * 9));
  while (digits.length < length) digits += String(Math.floor(random() * 10));
  return digits.slice(0, length);
}

/** An article file in the corpus format: YAML front matter, then one paragraph per blank-line block. */
function renderArticle(
  meta: Omit<Article, 'paragraphs' | 'id' | 'file'>,
  paragraphs: readonly string[],
): string {
  const front = [
    '---',
    `title: ${JSON.stringify(meta.title)}`,
    `url: ${meta.url}`,
    `publisher: ${JSON.stringify(meta.publisher)}`,
    `published: ${meta.published}`,
    ...(meta.byline ? [`byline: ${JSON.stringify(meta.byline)}`] : []),
    '---',
  ];
  return `${front.join('\n')}\n\n${paragraphs.join('\n\n')}\n`;
}

/** The articles the corpus loader would make of these files (same parser, same furniture rules). */
export function parseCorpusFiles(files: readonly CorpusFile[], rules: readonly FurnitureRule[]): Article[] {
  const encoder = new TextEncoder();
  return files.map((file) => {
    const result = parseArticle(file.name, encoder.encode(file.text), rules);
    if ('problems' in result) {
      throw new Error(`bench: generated ${file.name} does not load: ${JSON.stringify(result.problems[0])}`);
    }
    return result.article;
  });
}

/** Writes the files, plus the seed corpus's furniture rules and synonyms, into `dir`. */
export async function writeCorpus(dir: string, files: readonly CorpusFile[], seedDir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const extra of [FURNITURE_RULES_FILE, SYNONYMS_FILE]) {
    if (existsSync(join(seedDir, extra))) await copyFile(join(seedDir, extra), join(dir, extra));
  }
  for (const file of files) await writeFile(join(dir, file.name), file.text);
}
