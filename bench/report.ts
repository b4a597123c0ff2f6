import type { SizeResult } from './engineBench.js';
import type { EngineFigures } from './engineWorker.js';
import { count, fixed, ms, pct, seconds, table, times, triple } from './format.js';
import type { LibrariesResult } from './librariesBench.js';
import type { LoadResult } from './loadDriver.js';
import type { PhaseFigures } from './loadPhases.js';
import type { QualityRow } from './quality.js';
import { ratio } from './stats.js';
import { checkTargets } from './targets.js';

/** Everything one `npm run bench` measured, as plain data (`--json` prints it as is). */
export interface BenchResult {
  readonly machine: Readonly<Record<string, string>>;
  readonly command: string;
  readonly startedAt: string;
  readonly settings: Readonly<Record<string, unknown>>;
  /** What the generated corpora were made from. */
  readonly source?: string;
  readonly engine: readonly SizeResult[];
  readonly quality: readonly QualityRow[] | undefined;
  readonly load: LoadResult | undefined;
  readonly libraries?: LibrariesResult | undefined;
}

function engineTables(sizes: readonly SizeResult[]): string[] {
  const row = (size: SizeResult) => {
    const { excerpt, minisearch, lunr } = size.engines;
    return { size, excerpt, minisearch, lunr };
  };
  const rows = sizes.map(row);
  const head = (size: SizeResult, excerpt: EngineFigures) => [count(size.size), count(excerpt.chunks)];
  const build = table(
    [
      'articles',
      'windows',
      'Excerpt',
      'MiniSearch',
      'Excerpt ÷ MiniSearch',
      'lunr',
      'Excerpt ÷ lunr',
      'of which windows',
      'parsing the files',
    ],
    rows.map(({ size, excerpt, minisearch, lunr }) => [
      ...head(size, excerpt),
      seconds(excerpt.buildMs),
      seconds(minisearch.buildMs),
      times(ratio(excerpt.buildMs, minisearch.buildMs)),
      seconds(lunr.buildMs),
      times(ratio(excerpt.buildMs, lunr.buildMs)),
      seconds(minisearch.windowsMs),
      seconds(excerpt.parseMs),
    ]),
  );
  const heap = table(
    [
      'articles',
      'Excerpt heap',
      'MiniSearch heap',
      'lunr heap',
      'Excerpt index',
      'MiniSearch index',
      'Excerpt ÷ MiniSearch',
      'lunr index',
      'Excerpt ÷ lunr',
      'Excerpt RSS',
    ],
    rows.map(({ size, excerpt, minisearch, lunr }) => [
      count(size.size),
      fixed(excerpt.heap.totalMB, 0),
      fixed(minisearch.heap.totalMB, 0),
      fixed(lunr.heap.totalMB, 0),
      fixed(excerpt.heap.indexMB, 1),
      fixed(minisearch.heap.indexMB, 1),
      times(ratio(excerpt.heap.indexMB, minisearch.heap.indexMB)),
      fixed(lunr.heap.indexMB, 1),
      times(ratio(excerpt.heap.indexMB, lunr.heap.indexMB)),
      fixed(excerpt.heap.rssMB, 0),
    ]),
  );
  const latency = table(
    [
      'articles',
      'Excerpt answer()',
      'Excerpt search only',
      'MiniSearch search',
      'lunr search',
      'p99 ÷ MiniSearch',
      'p99 ÷ lunr',
      'answer() max',
      'samples (Excerpt / MiniSearch / lunr)',
    ],
    rows.map(({ size, excerpt, minisearch, lunr }) => [
      count(size.size),
      triple(excerpt.latency),
      triple(excerpt.searchLatency),
      triple(minisearch.latency),
      triple(lunr.latency),
      times(ratio(excerpt.latency.p99, minisearch.latency.p99)),
      times(ratio(excerpt.latency.p99, lunr.latency.p99)),
      ms(excerpt.latency.max),
      [excerpt, minisearch, lunr].map((figures) => count(figures.latency.count)).join(' / '),
    ]),
  );
  const snapshot = table(
    [
      'articles',
      'rebuild',
      'start-up from snapshot',
      'rebuild ÷ snapshot',
      'snapshot size',
      'heap, whole engine',
    ],
    sizes.map((size) =>
      'unavailable' in size.startup
        ? [count(size.size), '–', 'pending', 'pending', 'pending', '–']
        : [
            count(size.size),
            `${seconds(size.startup.rebuildMs)} s`,
            `${seconds(size.startup.snapshotMs)} s`,
            times(ratio(size.startup.rebuildMs, size.startup.snapshotMs)),
            `${fixed(size.startup.snapshotBytes / 1024 / 1024, 1)} MB`,
            `${fixed(size.startup.heapMB, 0)} MB`,
          ],
    ),
  );
  const quotes = table(
    [
      'articles',
      'quotes',
      'build',
      'MiniSearch build',
      'index heap (MB)',
      'searchQuotes p50 / p95 / p99',
      'autocomplete p50 / p95 / p99',
      'MiniSearch over the quotes',
      'p99 ÷ MiniSearch',
    ],
    sizes.map((size) =>
      'unavailable' in size.quotes
        ? [count(size.size), 'not available', '–', '–', '–', '–', '–', '–', '–']
        : [
            count(size.size),
            count(size.quotes.quotes),
            `${seconds(size.quotes.buildMs)} s`,
            `${seconds(size.quotes.baselineBuildMs)} s`,
            fixed(size.quotes.heap.indexMB, 1),
            triple(size.quotes.search),
            triple(size.quotes.autocomplete),
            triple(size.quotes.baselineSearch),
            times(ratio(size.quotes.search.p99, size.quotes.baselineSearch.p99)),
          ],
    ),
  );
  const unavailable = sizes.flatMap((size) =>
    'unavailable' in size.quotes ? [size.quotes.unavailable] : [],
  );
  const failures = sizes.flatMap((size) =>
    Object.values(size.engines).flatMap((figures) =>
      figures.failure ? [`${figures.kind} at ${count(size.size)} articles failed: ${figures.failure}`] : [],
    ),
  );
  return [
    ...failures,
    '### Build (seconds, articles in memory → searchable index)',
    build,
    '### Heap after build (MB, after a full GC; "index" = heap added by the build)',
    heap,
    '### Latency per question (ms, p50 / p95 / p99)',
    latency,
    '### Start-up from a snapshot',
    snapshot,
    '### Quote search (ms, p50 / p95 / p99)',
    quotes,
    ...(unavailable.length > 0 ? [`Quote index not available: ${unavailable[0]}`] : []),
  ];
}

function qualityTable(rows: readonly QualityRow[]): string {
  const excerpt = rows.find((row) => row.system === 'excerpt')?.metrics.hitAt1 ?? Number.NaN;
  return table(
    ['system', 'hit@1', 'hit@3', 'MRR', 'refused', 'Excerpt hit@1 ÷ this'],
    rows.map(({ system, metrics }) => [
      system,
      pct(metrics.hitAt1),
      pct(metrics.hitAt3),
      metrics.mrr.toFixed(3),
      String(metrics.refused),
      system === 'excerpt' ? '–' : times(ratio(excerpt, metrics.hitAt1)),
    ]),
  );
}

function loadTable(load: LoadResult): string[] {
  const phase = (name: string, figures: PhaseFigures) => [
    name,
    count(figures.sent),
    ms(figures.latency.p50),
    ms(figures.latency.p95),
    ms(figures.latency.p99),
    ms(figures.latency.max),
    `${count(figures.over3s)} (${pct(figures.sent === 0 ? 0 : figures.over3s / figures.sent)})`,
    count(figures.lost),
    count(figures.errors),
    count(figures.botErrorLines),
    fixed(figures.servedPerSecond, 0),
    `${ms(figures.botEventLoopP99Ms)} / ${ms(figures.botEventLoopMaxMs)}`,
    ms(figures.driverEventLoopP99Ms),
    `${fixed(figures.rssBeforeMB, 0)} → ${fixed(figures.rssAfterMB, 0)}`,
  ];
  const { refresh, drop, sequential } = load;
  const steady50 = load.steady.find((figures) => figures.rate === refresh.rate);
  return [
    table(
      [
        'phase',
        'sent',
        'p50',
        'p95',
        'p99',
        'max',
        'over 3 s',
        'lost',
        'errors',
        'bot error lines',
        'served/s',
        'bot loop delay p99 / max',
        'driver loop delay p99',
        'bot RSS MB before → after',
      ],
      [
        phase('one at a time (baseline)', sequential),
        ...load.steady.map((figures) => phase(`${figures.rate}/s`, figures)),
        phase(`${refresh.rate}/s + /corpus refresh`, refresh),
        phase(`${drop.rate}/s + gateway drop`, drop),
      ],
    ),
    [
      `Refresh of ${count(load.corpusSize)} articles during ${refresh.rate}/s: ${refresh.refreshApplied ? 'applied' : 'NOT applied'} in ${seconds(refresh.refreshMs)} s`,
      `(${count(refresh.progressEdits)} progress edits meanwhile);`,
      `${count(refresh.duringSent)} interactions sent while it ran had p50 / p95 / p99 ${triple(refresh.during)} ms`,
      `and ${count(refresh.duringOver3s)} without a callback within 3 s; p99 of the whole phase moved`,
      `${times(ratio(refresh.latency.p99, steady50?.latency.p99 ?? Number.NaN))} against steady ${refresh.rate}/s (${ms(steady50?.latency.p99)} ms).`,
    ].join(' '),
    `Gateway drop during ${drop.rate}/s: resumed after ${ms(drop.resumeMs)} ms; ${count(drop.duringSent)} interactions were sent while it was down; lost ${count(drop.lost)}, over 3 s ${count(drop.over3s)}.`,
    `Bot start-up on ${count(load.corpusSize)} articles (spawn → identified): ${seconds(load.startupMs)} s; bot RSS ${fixed(load.rssAtStartMB, 0)} MB at start, ${fixed(load.rssAtEndMB, 0)} MB at the end.`,
    load.quoteCommand.present
      ? '/quote is a registered command.'
      : '/quote is not in commands/ yet: /quote and its autocomplete reach the bot’s unknown-command path (a private notice, empty choices), so their share measures routing and Discord round trips, not quote search.',
    ...(load.errorSamples.length > 0
      ? [`Bot error lines (first ${load.errorSamples.length}): ${load.errorSamples.join(' | ')}`]
      : []),
  ];
}

function librariesTables(result: LibrariesResult): string[] {
  const { add, servers, single, settings } = result;
  const rows = [
    ['one index of every article (the bot before)', single],
    [`shared library + ${count(settings.servers)} server views`, servers],
  ] as const;
  const many = table(
    [
      '',
      'articles',
      'build',
      'memory: indexes',
      'memory: with every quote index',
      'answer p50 / p95 / p99 ms',
      'XQuAD hit@1',
    ],
    rows.map(([name, figures]) => [
      name,
      count(figures.articles),
      `${seconds(figures.buildMs)} s`,
      `${fixed(figures.memoryMB, 0)} MB`,
      `${fixed(figures.memoryWithQuotesMB, 0)} MB`,
      triple(figures.answer),
      figures.xquadHitAt1 === null ? '–' : `${pct(figures.xquadHitAt1)} (${count(figures.xquadQuestions)})`,
    ]),
  );
  const cold = servers.coldAnswer;
  const added = add.add;
  return [
    `${count(settings.servers)} servers with ${count(settings.perServer)} articles of their own each, beside a shared library of ${count(settings.shared)} articles (generated as in the engine tables), and the same ${count(single.articles)} articles in one index. Each in a fresh process; memory is heapUsed + arrayBuffers after a full collection, counted from the article files' text on; the servers' figure includes the shared library's quote index in both columns. Latency: ${count(servers.answer.count)} questions, each on a random server, after 200 warm-up questions. XQuAD questions (every 5th) are asked on random servers: their answers are all in the shared library.`,
    many,
    `Memory ratio (with quotes, like for like): ${times(ratio(servers.memoryWithQuotesMB, single.memoryWithQuotesMB))}; indexes only ${times(ratio(servers.memoryMB, single.memoryMB))} (servers include the shared quotes).`,
    cold
      ? `First answer for a server whose library was dropped from memory (a bot keeping a tenth of the servers in memory, after the all-in-memory views were released; each server rebuilt from the database; ${count(cold.count)} servers): p50 / p95 / p99 ${triple(cold)} ms.`
      : '',
    added
      ? `Adding one article to a server over a shared library of ${count(add.articles)} articles (fetched from a local page, extracted, stored, the server's index rebuilt; ${count(added.count)} adds after one warm-up): p50 ${ms(added.p50)} ms, max ${ms(added.max)} ms. Today's way, one index rebuilt with the article (index only, no quotes): ${seconds(add.singleRebuildMs ?? Number.NaN)} s. Meanwhile ${count(add.answerDuringAdd?.count ?? 0)} questions on another server: p50 / p95 / p99 ${triple(add.answerDuringAdd)} ms, max ${ms(add.answerDuringAdd?.max)} ms; event loop delay max ${ms(add.eventLoopMaxMs)} ms.`
      : '',
  ].filter((line) => line !== '');
}

/** The whole run as Markdown: machine, command, tables, targets. */
export function renderReport(result: BenchResult): string {
  const machine = Object.entries(result.machine).map(([key, value]) => `- ${key}: ${value}`);
  const sections = [
    `## Run of ${result.startedAt}`,
    ['Machine:', ...machine].join('\n'),
    `Command: \`${result.command}\``,
    ...(result.source ? [`Corpus text: ${result.source}.`] : []),
    ...(result.engine.length > 0 ? ['## Engine', ...engineTables(result.engine)] : []),
    ...(result.quality
      ? [
          `## Retrieval quality on XQuAD English (${count(result.quality[0]?.metrics.questions ?? Number.NaN)} questions)`,
          qualityTable(result.quality),
        ]
      : []),
    ...(result.load
      ? [`## The bot under load (${count(result.load.corpusSize)} articles)`, ...loadTable(result.load)]
      : []),
    ...(result.libraries ? ['## Server libraries', ...librariesTables(result.libraries)] : []),
    '## Targets',
    table(
      ['target', 'measured', 'verdict'],
      checkTargets(result).map((check) => [check.target, check.measured, check.verdict]),
    ),
  ];
  return `${sections.join('\n\n')}\n`;
}
