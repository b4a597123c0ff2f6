import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { runEngineBench } from './engineBench.js';
import { loadSourceText } from './generateCorpus.js';
import { runLibrariesBench } from './librariesBench.js';
import { runLoadBench } from './loadDriver.js';
import { measureXquadQuality } from './quality.js';
import { DEFAULT_QUESTION_PATHS, loadBenchQuestions } from './questions.js';
import { type BenchResult, renderReport } from './report.js';
import { checkTargets } from './targets.js';

// `npm run bench`: the engine at several corpus sizes beside plain MiniSearch and lunr, retrieval
// quality on XQuAD, and the real bot under load through the fake Discord. Prints Markdown tables
// (or JSON with --json). Progress goes to stderr.

const USAGE = `Usage: npm run bench -- [--quick] [--sizes 1,100,1000,10000] [--xquad PATH] [--json] [--save-json FILE]
       [--repetitions N] [--rounds N] [--seed N] [--load-size N] [--load-seconds N] [--event-rate N] [--no-engine] [--no-load] [--no-quotes] [--no-libraries]
  --event-rate N   interactions per second during the refresh and gateway-drop phases (default 50)`;

/** Settings of a full run, and of `--quick` (CI-sized: well under a minute). */
const FULL = {
  sizes: '1,100,1000,10000',
  repetitions: 3,
  rounds: 5,
  loadSize: 1000,
  loadSeconds: 10,
  eventSeconds: 20,
  sequential: 60,
  budgetMs: 20_000,
  xquadEvery: 1,
  libraries: { addShared: 10_000, shared: 1_000, servers: 1_000, perServer: 20, samples: 2_000 },
};
const QUICK = {
  sizes: '100',
  repetitions: 1,
  rounds: 2,
  loadSize: 100,
  loadSeconds: 1,
  eventSeconds: 3,
  sequential: 10,
  budgetMs: 1_000,
  xquadEvery: 3,
  libraries: { addShared: 200, shared: 100, servers: 20, perServer: 5, samples: 300 },
};

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    sizes: { type: 'string' },
    xquad: { type: 'string', default: '../shared/data/xquad-en/xquad.en.json' },
    json: { type: 'boolean', default: false },
    'save-json': { type: 'string' },
    repetitions: { type: 'string' },
    rounds: { type: 'string' },
    seed: { type: 'string', default: '1' },
    'load-size': { type: 'string' },
    'load-seconds': { type: 'string' },
    'event-rate': { type: 'string' },
    corpus: { type: 'string', default: 'corpus' },
    'no-engine': { type: 'boolean', default: false },
    'no-load': { type: 'boolean', default: false },
    'no-quotes': { type: 'boolean', default: false },
    'no-libraries': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

function positive(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`bench: --${name} must be a whole number above 0, got "${raw}"`);
  return value;
}

function machine(): Record<string, string> {
  const cpuList = cpus();
  const meminfo = (() => {
    try {
      return readFileSync('/proc/meminfo', 'utf8');
    } catch {
      return '';
    }
  })();
  const available = Number(/^MemAvailable:\s+(\d+)/m.exec(meminfo)?.[1]);
  return {
    cores: String(cpuList.length),
    cpu: cpuList[0]?.model.trim() ?? 'unknown',
    memory: `${(totalmem() / 1024 ** 3).toFixed(1)} GiB${Number.isFinite(available) ? ` (${(available / 1024 ** 2).toFixed(1)} GiB available at start)` : ''}`,
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    code: codeVersion(),
  };
}

/** The commit measured, and whether the engine's or the bot's files had uncommitted changes. */
function codeVersion(): string {
  try {
    const git = (...args: string[]) => execFileSync('git', args, { encoding: 'utf8' }).trim();
    const changed = git('status', '--porcelain', '--', 'src', 'commands').split('\n').filter(Boolean).length;
    return `${git('rev-parse', '--short', 'HEAD')}${changed > 0 ? ` + uncommitted changes in ${changed} files of src/ and commands/` : ''}`;
  } catch {
    return 'unknown (not a git checkout)';
  }
}

async function main(): Promise<number> {
  if (values.help) {
    console.error(USAGE);
    return 0;
  }
  const preset = values.quick ? QUICK : FULL;
  const sizes = (values.sizes ?? preset.sizes).split(',').map((size) => positive('sizes', size.trim(), 1));
  const repetitions = positive('repetitions', values.repetitions, preset.repetitions);
  const rounds = positive('rounds', values.rounds, preset.rounds);
  const seed = positive('seed', values.seed, 1);
  const loadSize = positive('load-size', values['load-size'], preset.loadSize);
  const loadSeconds = positive('load-seconds', values['load-seconds'], preset.loadSeconds);
  const eventRate = positive('event-rate', values['event-rate'], 50);
  const questionPaths = { ...DEFAULT_QUESTION_PATHS, xquad: values.xquad };
  const log = (line: string) => console.error(`[${new Date().toISOString().slice(11, 19)}] ${line}`);
  const started = new Date();
  // Taken now: the code measured is what was checked out when the run began.
  const machineAtStart = machine();
  // Where the JSON copy goes is this machine's business, not the command's.
  const args = process.argv
    .slice(2)
    .filter((arg, index, all) => !arg.startsWith('--save-json') && all[index - 1] !== '--save-json');

  const source = await loadSourceText(values.corpus, values.xquad);
  if (source.articles.length === 1)
    log(`XQuAD not found at ${values.xquad}: generating from the seed corpus only`);
  const questions = await loadBenchQuestions(questionPaths);
  log(
    `${questions.questions.length} questions, ${questions.quoteQueries.length} quote searches, ${questions.partials.length} partials`,
  );

  const engine = values['no-engine']
    ? []
    : await runEngineBench({
        sizes,
        repetitions,
        rounds,
        budgetMs: preset.budgetMs,
        seed,
        source,
        seedDir: values.corpus,
        questionPaths,
        withQuotes: !values['no-quotes'],
        log,
      });
  if (!values['no-engine']) log('quality: XQuAD hit@1');
  const quality = values['no-engine']
    ? undefined
    : await measureXquadQuality(values.xquad, preset.xquadEvery);
  const load = values['no-load']
    ? undefined
    : await runLoadBench({
        source,
        questions,
        corpusSize: loadSize,
        seed,
        rates: [10, 50, 200],
        seconds: loadSeconds,
        repetitions,
        sequentialCount: preset.sequential,
        eventRate,
        eventSeconds: preset.eventSeconds,
        log,
      });
  const libraries = values['no-libraries']
    ? undefined
    : await runLibrariesBench({
        ...preset.libraries,
        seedDir: values.corpus,
        xquad: values.xquad,
        questionPaths,
        log,
      });
  const result: BenchResult = {
    machine: machineAtStart,
    command: `npm run bench${args.length > 0 ? ` -- ${args.join(' ')}` : ''}`,
    startedAt: started.toISOString(),
    settings: { sizes, repetitions, rounds, seed, loadSize, loadSeconds, eventSeconds: preset.eventSeconds },
    source:
      source.articles.length > 1
        ? `the seed corpus and ${source.articles.length - 1} XQuAD articles, then articles generated from their sentences`
        : `the seed corpus alone (XQuAD not found at ${values.xquad}): every generated article recombines one article's sentences, and no XQuAD figure is measured`,
    engine,
    quality,
    load,
    libraries,
  };
  log(`done in ${((Date.now() - started.getTime()) / 1000).toFixed(0)} s`);
  const json = `${JSON.stringify({ ...result, targets: checkTargets(result) }, null, 2)}\n`;
  if (values['save-json']) await writeFile(values['save-json'], json);
  process.stdout.write(values.json ? json : renderReport(result));
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  },
);
