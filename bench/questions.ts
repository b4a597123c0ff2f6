import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { loadSeedSet } from '../src/eval/seedSet.js';
import { loadXquad } from '../src/eval/xquad.js';
import { createRandom } from './generateCorpus.js';

/** What every engine and the bot are asked, the same at every corpus size. */
export interface BenchQuestions {
  /** The seed set's answerable and unanswerable questions and every 10th XQuAD question, shuffled. */
  readonly questions: readonly string[];
  /** Quote searches: the quote fixture's searches, quote openings, speakers, speaker + words. */
  readonly quoteQueries: readonly { readonly text?: string; readonly speaker?: string }[];
  /** What someone has typed so far into /quote's speaker or text option. */
  readonly partials: readonly { readonly speaker: boolean; readonly value: string }[];
}

export interface QuestionPaths {
  readonly seedQuestions: string;
  readonly seedQuotes: string;
  readonly xquad: string | undefined;
}

export const DEFAULT_QUESTION_PATHS: QuestionPaths = {
  seedQuestions: 'test/fixtures/seed-questions.json',
  seedQuotes: 'test/fixtures/seed-quotes.json',
  xquad: undefined,
};

const XQUAD_EVERY = 10;
const SHUFFLE_SEED = 7;

interface QuoteFixture {
  readonly quotes: readonly { readonly text: string; readonly speaker: string }[];
  readonly searches: readonly { readonly query: string }[];
}

/** Loads the fixed question set; XQuAD questions are left out when the file is absent. */
export async function loadBenchQuestions(paths: QuestionPaths): Promise<BenchQuestions> {
  const seed = await loadSeedSet(paths.seedQuestions);
  const xquad =
    paths.xquad && existsSync(paths.xquad)
      ? (await loadXquad(paths.xquad)).cases.filter((_, index) => index % XQUAD_EVERY === 0)
      : [];
  const questions = shuffled([
    ...seed.answerable.map((testCase) => testCase.question),
    ...seed.unanswerable.map((testCase) => testCase.question),
    ...xquad.map((testCase) => testCase.question),
  ]);
  const fixture = JSON.parse(await readFile(paths.seedQuotes, 'utf8')) as QuoteFixture;
  const speakers = [...new Set(fixture.quotes.map((quote) => quote.speaker))];
  const surnames = speakers.map((speaker) => speaker.split(' ').at(-1) ?? speaker);
  const openings = fixture.quotes.map((quote) => quote.text.split(/\s+/).slice(0, 4).join(' '));
  const quoteQueries = [
    ...fixture.searches.map((search) => ({ text: search.query })),
    ...openings.map((text) => ({ text })),
    ...surnames.map((speaker) => ({ speaker })),
    ...fixture.quotes.map((quote, index) => ({
      speaker: surnames[index % surnames.length] ?? quote.speaker,
      text: quote.text.split(/\s+/).slice(0, 3).join(' '),
    })),
  ];
  const partials = [
    ...surnames.flatMap((name) =>
      [1, 3, name.length].map((n) => ({ speaker: true, value: name.slice(0, n) })),
    ),
    ...fixture.searches.map((search) => ({ speaker: false, value: search.query.slice(0, 12) })),
  ];
  return { questions, quoteQueries: shuffled(quoteQueries), partials: shuffled(partials) };
}

/** A fixed shuffle (Fisher–Yates, fixed seed), so that any prefix of a list is a fair sample of it. */
function shuffled<T>(items: readonly T[]): T[] {
  const random = createRandom(SHUFFLE_SEED);
  const list = [...items];
  for (let i = list.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [list[i], list[j]] = [list[j] as T, list[i] as T];
  }
  return list;
}
