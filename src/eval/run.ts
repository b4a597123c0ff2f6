import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { answer } from '../answer/answer.js';
import { correctQuestion } from '../answer/correctQuestion.js';
import type { Article } from '../corpus/article.js';
import { buildEngine } from '../engine.js';
import { evaluateQuotes, type QuoteEvaluation, type QuoteFixture } from '../quotes/evaluateQuotes.js';
import { QuoteIndex } from '../quotes/quoteIndex.js';
import type { Searchable } from '../search/searchable.js';
import { SearchIndex } from '../search/searchIndex.js';
import { wordVectorsAvailable } from '../text/wordNeighbours.js';
import { synonymsAvailable } from '../text/wordnetSynonyms.js';
import { evaluateSuggestions, type SuggestionResult } from './articleSuggestions.js';
import { BROWN_QUOTE_SAMPLES, BROWN_STORIES, brownSample, brownStory } from './brownStory.js';
import { evaluateAnswerable } from './evaluate.js';
import type { RankingMetrics } from './metrics.js';
import { evaluateQuoteChecks, type QuoteCheckResult } from './quoteChecks.js';
import { baselineRetriever, engineRetriever, peopleOf } from './retriever.js';
import { loadSeedSet, type SeedSet } from './seedSet.js';
import { evaluateSeedSet, type SeedSetResult } from './seedSetResult.js';
import { evaluateSmallTalk, type SmallTalkResult } from './smallTalkSet.js';
import { evaluateSpelling, type SpellingResult } from './spellingSet.js';
import { loadXquad } from './xquad.js';

// `npm run eval`: retrieval quality of the engine beside plain MiniSearch, measured in the same run.
function readArgs() {
  try {
    return parseArgs({
      strict: true,
      options: {
        corpus: { type: 'string', default: process.env.CORPUS_DIR || 'corpus' },
        seed: { type: 'string', default: 'test/fixtures/seed-questions.json' },
        dev: { type: 'string', default: 'test/fixtures/seed-questions-dev.json' },
        test: { type: 'string', default: 'test/fixtures/seed-questions-test.json' },
        fresh: { type: 'string', default: 'test/fixtures/seed-questions-fresh.json' },
        dev2: { type: 'string', default: 'test/fixtures/seed-questions-dev2.json' },
        dev3: { type: 'string', default: 'test/fixtures/seed-questions-dev3.json' },
        fresh2: { type: 'string', default: 'test/fixtures/seed-questions-fresh2.json' },
        fresh3: { type: 'string', default: 'test/fixtures/seed-questions-fresh3.json' },
        fresh4: { type: 'string', default: 'test/fixtures/seed-questions-fresh4.json' },
        fresh5: { type: 'string', default: 'test/fixtures/seed-questions-fresh5.json' },
        fresh6: { type: 'string', default: 'test/fixtures/seed-questions-fresh6.json' },
        wellformed2: { type: 'string', default: 'test/fixtures/seed-questions-wellformed2.json' },
        fresh7: { type: 'string', default: 'test/fixtures/seed-questions-fresh7.json' },
        fresh8: { type: 'string', default: 'test/fixtures/seed-questions-fresh8.json' },
        fresh9: { type: 'string', default: 'test/fixtures/seed-questions-fresh9.json' },
        fresh10: { type: 'string', default: 'test/fixtures/seed-questions-fresh10.json' },
        fresh11: { type: 'string', default: 'test/fixtures/seed-questions-fresh11' },
        fresh12: { type: 'string', default: 'test/fixtures/seed-questions-fresh12' },
        fresh13: { type: 'string', default: 'test/fixtures/seed-questions-fresh13' },
        fresh14: { type: 'string', default: 'test/fixtures/seed-questions-fresh14' },
        fresh15: { type: 'string', default: 'test/fixtures/seed-questions-fresh15' },
        fresh16: { type: 'string', default: 'test/fixtures/seed-questions-fresh16' },
        fresh17: { type: 'string', default: 'test/fixtures/seed-questions-fresh17' },
        fresh18: { type: 'string', default: 'test/fixtures/seed-questions-fresh18' },
        fresh19: { type: 'string', default: 'test/fixtures/seed-questions-fresh19' },
        fresh20: { type: 'string', default: 'test/fixtures/seed-questions-fresh20' },
        fresh21: { type: 'string', default: 'test/fixtures/seed-questions-fresh21' },
        fresh22: { type: 'string', default: 'test/fixtures/seed-questions-fresh22' },
        fresh23: { type: 'string', default: 'test/fixtures/seed-questions-fresh23' },
        fresh24: { type: 'string', default: 'test/fixtures/seed-questions-fresh24' },
        fresh25: { type: 'string', default: 'test/fixtures/seed-questions-fresh25' },
        fresh26: { type: 'string', default: 'test/fixtures/seed-questions-fresh26' },
        fresh27: { type: 'string', default: 'test/fixtures/seed-questions-fresh27' },
        fresh28: { type: 'string', default: 'test/fixtures/seed-questions-fresh28' },
        wellformed3: { type: 'string', default: 'test/fixtures/seed-questions-wellformed3.json' },
        wellformed4: { type: 'string', default: 'test/fixtures/seed-questions-wellformed4.json' },
        wellformed5: { type: 'string', default: 'test/fixtures/seed-questions-wellformed5-dev.json' },
        wellformed6: { type: 'string', default: 'test/fixtures/seed-questions-wellformed6.json' },
        wellformed: { type: 'string', default: 'test/fixtures/seed-questions-wellformed.json' },
        premise: { type: 'string', default: 'test/fixtures/seed-questions-premise' },
        premise2: { type: 'string', default: 'test/fixtures/seed-questions-premise-dev2.json' },
        quotes: { type: 'string', default: 'test/fixtures/seed-quotes.json' },
        checks: { type: 'string', default: 'test/fixtures/seed-quote-checks' },
        'small-talk': { type: 'string', default: 'test/fixtures/small-talk' },
        'small-talk2': { type: 'string', default: 'test/fixtures/small-talk2' },
        'small-talk3': { type: 'string', default: 'test/fixtures/small-talk3' },
        spelling: { type: 'string', default: 'test/fixtures/spelling1' },
        spelling2: { type: 'string', default: 'test/fixtures/spelling2' },
        stories: { type: 'string', default: 'test/fixtures/brown-questions' },
        'brown-quotes': { type: 'string', default: 'test/fixtures/brown-quotes' },
        xquad: { type: 'string', default: '../shared/data/xquad-en/xquad.en.json' },
        help: { type: 'boolean', default: false },
        misses: { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    // A mistyped option gets one line, not a stack trace.
    console.error(`${error instanceof Error ? error.message : String(error)} (see npm run eval -- --help)`);
    process.exit(2);
  }
}
const { values } = readArgs();

if (values.help) {
  console.log(`npm run eval [-- options]: retrieval quality beside plain MiniSearch, in one run.
  --corpus DIR     the seed article's corpus folder (default: CORPUS_DIR or corpus)
  --seed, --dev, --dev2, --dev3, --test, --fresh … --fresh10, --wellformed … --wellformed6 FILE
                   the seed article's question sets (own; dev half and two more dev sets; test half,
                   ten fresh held-out sets and five of well-formed questions; the fifth is tuned on)
  --fresh11 PREFIX the eleventh fresh set's halves (PREFIX-dev.json to tune on, PREFIX-test.json)
  --fresh12 … --fresh28 PREFIX the twelfth's to twenty-eighth's, the same way
  --premise PREFIX  other-verb and false-premise questions (PREFIX-dev.json, PREFIX-test.json)
  --premise2 FILE  a second set of them, in pairs, to tune on
  --stories DIR    blind question sets about Brown Corpus stories (default test/fixtures/brown-questions)
  --quotes FILE    the quote extraction fixture
  --brown-quotes DIR  quotation lists written blind for whole Brown samples (default test/fixtures/brown-quotes)
  --checks PREFIX  quote-check cases (PREFIX-dev.json, PREFIX-test.json): messages quoting the seed
  --xquad FILE     XQuAD English (default ../shared/data/xquad-en/xquad.en.json)
  --small-talk PREFIX, --small-talk2 PREFIX, --small-talk3 PREFIX  chat said to the bot, opinions asked of it and questions
                   that look like them, written blind (PREFIX-dev.json, PREFIX-test.json)
  --spelling PREFIX, --spelling2 PREFIX  questions typed fast, each misspelt word with the word meant
                   (PREFIX-dev.json, PREFIX-test.json; the second set has a test half only)
  --misses         also list the test halves' and XQuAD's misses
  --json           print the figures as JSON`);
  process.exit(0);
}

const engine = await buildEngine(values.corpus);
// Without the word vectors (built at install) paraphrases are not bridged and the figures are lower.
if (!wordVectorsAvailable() || !synonymsAvailable())
  console.error(
    'Word vectors or WordNet synonyms not built: paraphrases are not bridged (run npm run vectors, then eval again).',
  );
// Excerpt as the bot and the CLI ask it: with the people the library's quote index names.
const systems = [
  ['excerpt', engineRetriever(engine.index, () => engine.quotes.speakers())],
  ['minisearch-defaults', baselineRetriever(engine.corpus.articles)],
] as const;

// Three question sets about the seed article: the first written while building the engine, then
// two written blind by people who read only the article: "dev" to tune on, "test" only reported.
/** /ask article's suggestions for the pooled seed questions among the other articles (see amongOtherArticles). */
const suggestions: (SuggestionResult & { half: string; library: number })[] = [];
const seedResults: SeedSetResult[] = [];
const seedSets = new Map<string, SeedSet>();
for (const [name, path] of [
  ['seed-own', values.seed],
  ['seed-dev', values.dev],
  // A second dev set, written blind the same day as the fresh one: more questions to tune on.
  ['seed-dev2', values.dev2],
  // A third, written blind at the start of the fifth session with fresh2: new questions to tune on.
  ['seed-dev3', values.dev3],
  // Questions worded with other verbs than the article's, and false premises (did X resign?), written
  // blind to test the direct/related judgement where it fails: a dev half and a test half.
  ['seed-premise-dev', `${values.premise}-dev.json`],
  ['seed-premise-test', `${values.premise}-test.json`],
  // Written blind in the sixth session: paraphrases and their look-alike twins whose fact the
  // article does not give, in pairs (30 + 30), to tune the direct/related judgement on.
  ['seed-premise-dev2', values.premise2],
  // Written blind at the start of the fifteenth session (2026-11-29), in fresh3's styles, first run
  // on the code that session started from; split by style into a dev half to tune on and a test half.
  ['seed-fresh11-dev', `${values.fresh11}-dev.json`],
  ['seed-fresh11-test', `${values.fresh11}-test.json`],
  // The same at the start of the sixteenth session, first run on the code it started from.
  ['seed-fresh12-dev', `${values.fresh12}-dev.json`],
  ['seed-fresh12-test', `${values.fresh12}-test.json`],
  // And at the start of the seventeenth.
  ['seed-fresh13-dev', `${values.fresh13}-dev.json`],
  ['seed-fresh13-test', `${values.fresh13}-test.json`],
  ['seed-fresh14-dev', `${values.fresh14}-dev.json`],
  ['seed-fresh14-test', `${values.fresh14}-test.json`],
  ['seed-fresh15-dev', `${values.fresh15}-dev.json`],
  ['seed-fresh15-test', `${values.fresh15}-test.json`],
  ['seed-fresh16-dev', `${values.fresh16}-dev.json`],
  ['seed-fresh16-test', `${values.fresh16}-test.json`],
  ['seed-fresh17-dev', `${values.fresh17}-dev.json`],
  ['seed-fresh17-test', `${values.fresh17}-test.json`],
  ['seed-fresh18-dev', `${values.fresh18}-dev.json`],
  ['seed-fresh18-test', `${values.fresh18}-test.json`],
  ['seed-fresh19-dev', `${values.fresh19}-dev.json`],
  ['seed-fresh19-test', `${values.fresh19}-test.json`],
  ['seed-fresh20-dev', `${values.fresh20}-dev.json`],
  ['seed-fresh20-test', `${values.fresh20}-test.json`],
  ['seed-fresh21-dev', `${values.fresh21}-dev.json`],
  // Careful readers' questions to tune on (50 + 20), written blind in the twentieth session.
  ['seed-wellformed5-dev', values.wellformed5],
  ['seed-fresh21-test', `${values.fresh21}-test.json`],
  // Written blind at the end of the twentieth session and first run on its last code.
  ['seed-fresh22-dev', `${values.fresh22}-dev.json`],
  ['seed-fresh22-test', `${values.fresh22}-test.json`],
  // Written blind at the end of the twenty-first session and first run on its last code.
  ['seed-fresh23-dev', `${values.fresh23}-dev.json`],
  ['seed-fresh23-test', `${values.fresh23}-test.json`],
  ['seed-fresh24-dev', `${values.fresh24}-dev.json`],
  ['seed-fresh24-test', `${values.fresh24}-test.json`],
  // Written blind at the start of the twenty-second session and first run on the twenty-first's last code.
  ['seed-fresh25-dev', `${values.fresh25}-dev.json`],
  ['seed-fresh25-test', `${values.fresh25}-test.json`],
  ['seed-fresh26-dev', `${values.fresh26}-dev.json`],
  ['seed-fresh26-test', `${values.fresh26}-test.json`],
  // Written blind at the end of the twenty-second session and first run on its code then (fresh27)
  // and on its last code (fresh28).
  ['seed-fresh27-dev', `${values.fresh27}-dev.json`],
  ['seed-fresh27-test', `${values.fresh27}-test.json`],
  ['seed-fresh28-dev', `${values.fresh28}-dev.json`],
  ['seed-fresh28-test', `${values.fresh28}-test.json`],
  ['seed-test', values.test],
  // Written blind later (2026-11-28) in the held-out sets' style, after the rules above were tuned:
  // reported only, never tuned on, like the test half.
  ['seed-fresh-test', values.fresh],
  // Written blind at the start of the fifth session (2026-11-28), before any of its tuning: reported only.
  ['seed-fresh2-test', values.fresh2],
  // Written blind at the start of the sixth session (2026-11-28), before its tuning: reported only.
  // fresh3 in the chat styles of the others; wellformed as careful readers ask (issue 11's set A).
  ['seed-fresh3-test', values.fresh3],
  ['seed-wellformed-test', values.wellformed],
  // Written blind at the start of the ninth session (2026-11-28), in fresh3's styles: reported only.
  ['seed-fresh4-test', values.fresh4],
  // Written blind at the start of the eleventh session (2026-11-29), in fresh3's styles: reported
  // only, first run after that session's rules.
  ['seed-fresh5-test', values.fresh5],
  // Written blind at the start of the twelfth session (2026-11-29), before any of its changes:
  // fresh6 in fresh3's styles, wellformed2 as careful readers ask. Reported only.
  ['seed-fresh6-test', values.fresh6],
  ['seed-wellformed2-test', values.wellformed2],
  // Written blind at the start of the thirteenth session (2026-11-29), in fresh3's styles with more
  // paraphrase and false premises; first run on the code the session started from. Reported only.
  ['seed-fresh7-test', values.fresh7],
  // Written blind in the thirteenth session, with a sixth style, "said" (whether or what someone
  // said), to check a rule about such questions designed on the dev sets. Reported only.
  ['seed-fresh8-test', values.fresh8],
  // Written blind at the start of the fourteenth session, in fresh3's styles; first run on the code
  // that session started from. Reported only.
  ['seed-fresh9-test', values.fresh9],
  // Written blind in the fourteenth session, every question naming people by their role or a
  // government by its capital, to check the session's reading of roles on questions nobody had seen.
  ['seed-fresh10-test', values.fresh10],
  // Written blind at the start of the seventeenth session as careful readers ask (35 + 10), first run
  // on the code that session started from. Reported only.
  ['seed-wellformed3-test', values.wellformed3],
  // The same at the start of the twentieth session.
  ['seed-wellformed4-test', values.wellformed4],
  // And at its end, first run on its last code.
  ['seed-wellformed6-test', values.wellformed6],
] as const) {
  if (!existsSync(path)) {
    console.error(`${name}: ${path} not found, skipped.`);
    continue;
  }
  const set = await loadSeedSet(path);
  seedSets.set(name, set);
  for (const [system, retriever] of systems) seedResults.push(evaluateSeedSet(name, system, retriever, set));
}

// 1961 news stories, in a library with the seed article, each with a question set written
// blind and split like the seed's: a dev half to look into, a test half only reported. Whether the
// rules learnt on the seed article hold on other text.
if (existsSync(values.stories)) {
  const stories = BROWN_STORIES.map(brownStory);
  const { systems: storySystems } = withArticles(stories);
  for (const story of stories)
    for (const half of ['dev', 'test'] as const) {
      const path = join(values.stories, `${story.id}-${half}.json`);
      if (!existsSync(path)) continue;
      const set = await loadSeedSet(path);
      const name = `${story.id.replace(/^brown-\w+?-/u, 'brown-')}-${half}`;
      for (const [system, retriever] of storySystems)
        seedResults.push(evaluateSeedSet(name, system, retriever, set));
    }
}

const quoteFixture = JSON.parse(await readFile(values.quotes, 'utf8')) as QuoteFixture;
const quoteEvaluation = evaluateQuotes(engine.quotes, quoteFixture);

// Quotations in 1961 news text never tuned on, each sample's list written blind (see BROWN_QUOTE_SAMPLES).
const brownQuotes: { sample: string; half: string; result: QuoteEvaluation }[] = [];
for (const { sample, half } of BROWN_QUOTE_SAMPLES) {
  const path = join(values['brown-quotes'], `brown-${sample}-quotes.json`);
  if (!existsSync(path)) continue;
  const fixture = JSON.parse(await readFile(path, 'utf8')) as QuoteFixture;
  brownQuotes.push({ sample, half, result: evaluateQuotes(new QuoteIndex([brownSample(sample)]), fixture) });
}

// Messages quoting the seed article, written blind: real, altered, misattributed and invented quotes.
const quoteChecks: { half: string; result: QuoteCheckResult }[] = [];
for (const half of ['dev', 'test'] as const) {
  const path = `${values.checks}-${half}.json`;
  if (existsSync(path)) quoteChecks.push({ half, result: await evaluateQuoteChecks(engine.quotes, path) });
}

/** The halves that exist of numbered sets given by prefix: "set 2, test" and its file. */
function halvesOf(prefixes: readonly string[]): { half: string; path: string }[] {
  return prefixes
    .flatMap((prefix, i) =>
      (['dev', 'test'] as const).map((half) => ({
        half: `set ${i + 1}, ${half}`,
        path: `${prefix}-${half}.json`,
      })),
    )
    .filter(({ path }) => existsSync(path));
}

// Chat said to the bot ("hi bot", "thanks") and questions that look like it, written blind.
const smallTalk: { half: string; result: SmallTalkResult }[] = [];
for (const { half, path } of halvesOf([values['small-talk'], values['small-talk2'], values['small-talk3']]))
  smallTalk.push({
    half,
    result: await evaluateSmallTalk(path, (message) =>
      answer(engine.index, message, { people: () => engine.quotes.speakers() }),
    ),
  });

// Questions typed fast, each misspelt word with the word meant, written blind: what the bot reads
// them as, in the seed's library alone and among others (see amongOtherArticles).
const spelling: { half: string; library: number; result: SpellingResult }[] = [];
function addSpelling(index: Searchable, library: number): void {
  for (const { half, path } of halvesOf([values.spelling, values.spelling2]))
    spelling.push({
      half,
      library,
      result: evaluateSpelling(path, (question) => correctQuestion(index, question).corrections),
    });
}
addSpelling(engine.index, engine.corpus.articles.length);

const xquadRows: { system: string; ranking: RankingMetrics }[] = [];
const xquadMisses: string[] = [];
if (existsSync(values.xquad)) {
  const xquad = await loadXquad(values.xquad);
  seedResults.push(...amongOtherArticles([...xquad.articles, ...BROWN_STORIES.map(brownStory)]));
  const index = new SearchIndex(xquad.articles);
  for (const [system, retriever] of [
    ['excerpt', engineRetriever(index, peopleOf(xquad.articles))],
    ['minisearch-defaults', baselineRetriever(xquad.articles)],
  ] as const) {
    const { metrics, outcomes } = evaluateAnswerable(retriever, xquad.cases);
    xquadRows.push({ system, ranking: metrics });
    if (system === 'excerpt')
      for (const outcome of outcomes)
        if (outcome.rank !== 1) xquadMisses.push(`xquad rank ${outcome.rank}: ${outcome.question}`);
  }
} else {
  console.error(`XQuAD not found at ${values.xquad}: skipped (pass --xquad PATH).`);
}

/** A library of the seed article and these, its index, and the two systems asked of it. */
function withArticles(others: readonly Article[]) {
  const library = [...engine.corpus.articles, ...others];
  const index = new SearchIndex(library, { synonyms: engine.corpus.synonyms });
  const systems = [
    ['excerpt', engineRetriever(index, peopleOf(library))],
    ['minisearch-defaults', baselineRetriever(library)],
  ] as const;
  return { library, index, systems };
}

/**
 * The seed article's questions (the sets tuned on, and those only reported, each pooled) answered
 * from the article alone and from a library where it is one of many (XQuAD's 48 articles and the
 * Brown stories): what a server with many articles gets, where every word is rarer and other
 * articles compete.
 */
function amongOtherArticles(others: readonly Article[]): SeedSetResult[] {
  const pooled = (names: readonly string[]): SeedSet => {
    const sets = names.flatMap((name) => seedSets.get(name) ?? []);
    return {
      answerable: sets.flatMap((set) => set.answerable),
      unanswerable: sets.flatMap((set) => set.unanswerable),
    };
  };
  const { library, index: amongIndex, systems: among } = withArticles(others);
  addSpelling(amongIndex, library.length);
  const results: SeedSetResult[] = [];
  for (const [half, names] of [
    [
      'dev',
      [
        'seed-dev',
        'seed-dev2',
        'seed-dev3',
        'seed-premise-dev',
        'seed-premise-dev2',
        'seed-fresh11-dev',
        'seed-fresh12-dev',
        'seed-fresh13-dev',
        'seed-fresh14-dev',
        'seed-fresh15-dev',
        'seed-fresh16-dev',
        'seed-fresh17-dev',
        'seed-fresh18-dev',
        'seed-fresh19-dev',
        'seed-fresh20-dev',
        'seed-fresh21-dev',
        'seed-wellformed5-dev',
        'seed-fresh22-dev',
        'seed-fresh23-dev',
        'seed-fresh24-dev',
        'seed-fresh25-dev',
        'seed-fresh26-dev',
        'seed-fresh27-dev',
        'seed-fresh28-dev',
      ],
    ],
    ['test', [...seedSets.keys()].filter((name) => name.endsWith('-test'))],
  ] as const) {
    const set = pooled(names);
    for (const [system, retriever] of systems)
      results.push(evaluateSeedSet(`seed-all-${half}, alone`, system, retriever, set));
    for (const [system, retriever] of among)
      results.push(evaluateSeedSet(`seed-all-${half}, among ${library.length}`, system, retriever, set));
    const seedId = engine.corpus.articles[0]?.id;
    if (seedId !== undefined)
      suggestions.push({
        half,
        library: library.length,
        ...evaluateSuggestions(
          amongIndex,
          set.answerable.map((testCase) => testCase.question),
          seedId,
        ),
      });
  }
  return results;
}

if (values.json) {
  const { failures: _failures, ...quotes } = quoteEvaluation;
  const seed = seedResults.map(({ misses: _misses, ...result }) => result);
  const checks = quoteChecks.map(({ half, result: { misses: _misses, ...result } }) => ({ half, ...result }));
  const brown = brownQuotes.map(({ sample, half, result: { failures: _misses, ...result } }) => ({
    sample,
    half,
    ...result,
  }));
  console.log(
    JSON.stringify(
      {
        seed,
        xquad: xquadRows,
        quotes,
        brownQuotes: brown,
        checks,
        suggestions,
        smallTalk: smallTalk.map(({ half, result: { misses: _misses, ...result } }) => ({ half, ...result })),
        spelling: spelling.map(({ half, library, result: { misses: _misses, ...result } }) => ({
          half,
          library,
          ...result,
        })),
      },
      null,
      2,
    ),
  );
} else {
  const pct = (value: number) => `${(value * 100).toFixed(1)}%`;
  const rankingColumns = (ranking: RankingMetrics) => ({
    questions: ranking.questions,
    'hit@1': pct(ranking.hitAt1),
    'hit@3': pct(ranking.hitAt3),
    MRR: ranking.mrr.toFixed(3),
    refused: ranking.refused,
    'excerpt chars': Math.round(ranking.meanExcerptChars),
  });
  const share = (count: number, of: number) => `${count}/${of}`;
  console.log(
    'Answerable questions (hit@k over the first k excerpts; refused; answered directly; answered directly by a first excerpt that does not answer). seed-*: the seed article; brown-*: 1961 stories never tuned on',
  );
  console.table(
    seedResults.map(({ set, system, ranking }) => ({
      set,
      system,
      ...rankingColumns(ranking),
      direct: pct(ranking.direct / Math.max(1, ranking.questions)),
      'direct, wrong': ranking.directWrong,
    })),
  );
  console.log('Unanswerable questions (refused, offered as related passages, answered directly)');
  console.table(
    seedResults.map(({ set, system, abstention }) => ({
      set,
      system,
      questions: abstention.questions,
      refused: abstention.questions - abstention.answered.length,
      related: abstention.answered.length - abstention.answeredDirect.length,
      direct: abstention.answeredDirect.length,
      'not direct': pct(1 - abstention.answeredDirect.length / Math.max(1, abstention.questions)),
    })),
  );
  console.log(
    'By style: hit@1 (hit@3) for answerable styles; for unanswerable ones, not answered directly (of which refused)',
  );
  const styles = [...new Set(seedResults.flatMap((result) => Object.keys(result.byStyle)))];
  console.table(
    seedResults
      .filter((result) => result.set !== 'seed-own')
      .map(({ set, system, byStyle }) => ({
        set,
        system,
        ...Object.fromEntries(
          styles.map((style) => {
            const s = byStyle[style];
            if (!s) return [style, '-'];
            return [
              style,
              s.answerable
                ? `${share(s.hits1, s.questions)} (${s.hits3})`
                : `${share(s.notDirect, s.questions)} (${s.refused})`,
            ];
          }),
        ),
      })),
  );
  // Questions on other subjects altogether ("any good movies out this weekend"): passages offered
  // for them, even labelled as only the closest, answer nothing; refusing is the honest outcome.
  for (const [system] of systems) {
    const offTopic = seedResults
      .filter((result) => result.system === system && !result.set.startsWith('seed-all'))
      .map((result) => result.byStyle['un:offtopic'])
      .filter((style) => style !== undefined);
    const questions = offTopic.reduce((sum, style) => sum + style.questions, 0);
    if (questions === 0) continue;
    const refused = offTopic.reduce((sum, style) => sum + style.refused, 0);
    const direct = questions - offTopic.reduce((sum, style) => sum + style.notDirect, 0);
    console.log(
      `Off-topic questions (every set alone), ${system}: ${refused} of ${questions} refused, ${questions - refused - direct} offered related passages, ${direct} answered directly.`,
    );
  }
  for (const { half, library, questions, first, topThree } of suggestions)
    console.log(
      `/ask article's suggestions, seed ${half} questions among ${library} articles: the seed first for ${first} of ${questions}, in the first three for ${topThree}.`,
    );
  if (xquadRows.length > 0) {
    console.log('XQuAD English (48 Wikipedia articles)');
    console.table(xquadRows.map(({ system, ranking }) => ({ system, ...rankingColumns(ranking) })));
  }
  const q = quoteEvaluation;
  console.log(
    `Quotes (seed): ${q.found} of ${q.expected} found, extraction recall ${pct(q.extractionRecall)}, precision ${pct(q.extractionPrecision)}, attribution ${pct(q.attributionAccuracy)}; quote search hit@1 ${pct(q.searchHitAt1)} on ${q.searchQueries} queries with typos and spelling variants.`,
  );
  for (const failure of q.failures) console.log(`quote miss: ${failure}`);
  for (const { sample, half, result } of brownQuotes) {
    console.log(
      `Quotes (Brown ${sample}, ${half}): ${result.found} found for ${result.expected} listed, extraction recall ${pct(result.extractionRecall)}, precision ${pct(result.extractionPrecision)}, attribution ${pct(result.attributionAccuracy)}.`,
    );
    if (half === 'dev' || values.misses)
      for (const failure of result.failures) console.log(`  quote miss: ${failure}`);
  }
  if (quoteChecks.length > 0) {
    console.log('Quote checks (seed): verdicts right, by expected verdict and by how the quote was made');
    const share = (entry: { cases: number; right: number } | undefined) =>
      entry ? `${entry.right}/${entry.cases}` : '-';
    const verdicts = ['verbatim', 'altered', 'misattributed', 'not-found'];
    const kinds = [...new Set(quoteChecks.flatMap(({ result }) => Object.keys(result.byKind)))];
    console.table(
      quoteChecks.map(({ half, result }) => ({
        half,
        right: `${result.right}/${result.cases}`,
        ...Object.fromEntries(verdicts.map((verdict) => [verdict, share(result.byVerdict[verdict])])),
        ...Object.fromEntries(kinds.map((kind) => [`(${kind})`, share(result.byKind[kind])])),
      })),
    );
    for (const { half, result } of quoteChecks)
      if (values.misses || half === 'dev')
        for (const miss of result.misses) console.log(`check ${half} ${miss}`);
  }
  for (const { half, result } of smallTalk) {
    const kinds = Object.entries(result.byKind).map(
      ([kind, entry]) => `${kind} ${entry.recognised}/${entry.messages}`,
    );
    console.log(
      `Small talk (${half}): ${result.recognised} of ${result.messages} answered as their kind (${kinds.join(', ')}), ${result.chat} as small talk of any kind, ${result.refused} refused as not in the corpus${result.opinions > 0 ? `; opinions ${result.opinionsRecognised} of ${result.opinions}` : ''}; ${result.questionsTaken} of ${result.questions} questions about the article taken for small talk or an opinion.`,
    );
    if (values.misses || half.endsWith('dev')) for (const miss of result.misses) console.log(`  ${miss}`);
  }
  for (const { half, library, result } of spelling) {
    console.log(
      `Spelling (${half}, ${library} article${library === 1 ? '' : 's'}): of ${result.typos} misspelt words in ${result.questions} questions, ${result.readRight} read as the word meant, ${result.readAsForm} as another form of it, ${result.readWrong} as another word, ${result.foundAsTyped} left as typed and searched as meant all the same, ${result.leftAsTyped} left as typed otherwise; ${result.rightWordsChanged} word${result.rightWordsChanged === 1 ? '' : 's'} spelt right read as another.`,
    );
    if (values.misses || half.endsWith('dev')) for (const miss of result.misses) console.log(`  ${miss}`);
  }
  // Only the sets tuned on show their misses unless asked: the test halves are for reporting.
  for (const result of seedResults)
    if (result.system === 'excerpt' && (values.misses || !result.set.endsWith('-test')))
      for (const miss of result.misses) console.log(`${result.set} ${miss}`);
  if (values.misses) for (const miss of xquadMisses) console.log(miss);
}
