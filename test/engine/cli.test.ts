import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sourceFingerprint } from '../../src/cli/runBundled.mjs';
import { projectRootOf } from '../../src/text/installCache.js';
import { type CliRun, runProcess } from '../runCli.js';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const SEED_URL = 'https://itv.com/news/2024-12-19/i-will-be-ready-putin-says-he-will-meet-trump';

type Run = CliRun;

/**
 * Runs `src/cli/ask.ts …args` from the repository as `npm run ask` does (from its bundle, built by
 * the first run for these sources), optionally feeding stdin.
 */
const ask = (args: readonly string[], stdin = '') =>
  runProcess(process.execPath, ['src/cli/runBundled.mjs', 'src/cli/ask.ts', ...args], {
    stdin,
    env: { NO_COLOR: '1' },
  });

/** Every stdout line as JSON; fails the test on a line that is not. */
function jsonLines(run: Run): Record<string, unknown>[] {
  return run.stdout
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

const BROKEN = '---\ntitle: Half an article\n---\n\nNo url, publisher or date.\n';
let corpusWithProblems = '';
let single: Run;
let streamed: Run;

beforeAll(async () => {
  // The bundled corpus with a broken file added: the answer must not change, the problem goes to stderr.
  corpusWithProblems = await mkdtemp(join(tmpdir(), 'excerpt-cli-'));
  await cp(join(REPO, 'corpus'), corpusWithProblems, { recursive: true });
  await writeFile(join(corpusWithProblems, 'broken.md'), BROKEN);
  // Each run starts node, which takes seconds: two runs, side by side, cover the contract (and the
  // first bundle of these sources, if neither finds one, is built by both at once: one keeps its own).
  [single, streamed] = await Promise.all([
    ask(['--json', '--corpus', corpusWithProblems, 'Will Putin meet Trump?']),
    ask(
      ['--json', '-'],
      'Will Putin meet Trump?\n\n   \nWhat is the capital of Australia?\r\nwhat day was the press conference\nwhat did the russian head of state say about sovereignty\n',
    ),
  ]);
}, 60_000);

afterAll(async () => {
  if (corpusWithProblems !== '') await rm(corpusWithProblems, { recursive: true, force: true });
});

describe('the bundled command line', () => {
  it('finds the files cut at install from inside its bundle as from the sources', () => {
    const root = join(tmpdir(), 'project');
    expect(projectRootOf(join(root, 'src', 'text', 'installCache.ts'))).toBe(root);
    expect(projectRootOf(join(root, 'node_modules', '.excerpt-bundles', 'cli-ask-0123', 'ask.mjs'))).toBe(
      root,
    );
  });

  it('is rebuilt when a source file changes, and only then', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'excerpt-bundle-'));
    try {
      await writeFile(join(folder, 'a.ts'), 'export const a = 1;\n');
      const before = sourceFingerprint(folder);
      expect(sourceFingerprint(folder)).toBe(before);
      await writeFile(join(folder, 'a.ts'), 'export const a = 22;\n');
      expect(sourceFingerprint(folder)).not.toBe(before);
      const edited = sourceFingerprint(folder);
      await writeFile(join(folder, 'notes.txt'), 'not a source\n');
      expect(sourceFingerprint(folder)).toBe(edited);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});

describe('ask --json', () => {
  it('prints exactly one JSON object with cited results when the question is answered', () => {
    expect(single.code).toBe(0);
    const lines = jsonLines(single);
    expect(lines).toHaveLength(1);
    const [result] = lines;
    expect(Object.keys(result ?? {})).toEqual(['question', 'answered', 'match', 'results', 'missing']);
    expect(result).toMatchObject({
      question: 'Will Putin meet Trump?',
      answered: true,
      match: 'direct',
      missing: [],
    });
    const results = result?.results as Record<string, unknown>[];
    expect(results.length).toBeGreaterThan(0);
    expect(results.length).toBeLessThanOrEqual(3);
    for (const excerpt of results) {
      expect(Object.keys(excerpt)).toEqual([
        'article',
        'title',
        'url',
        'link',
        'paragraphs',
        'excerpt',
        'score',
        'match',
      ]);
      expect(['direct', 'related']).toContain(excerpt.match);
      expect(excerpt.url).toBe(SEED_URL);
      expect(excerpt.link).toMatch(new RegExp(`^${SEED_URL}#:~:text=[^#]+$`));
      expect(excerpt.score).toEqual(expect.any(Number));
    }
    expect(results[0]).toMatchObject({
      article: '2024-12-19-putin-says-he-will-meet-trump',
      title: "'I will be ready': Putin says he will meet Trump",
      paragraphs: [5, 6],
      excerpt: expect.stringContaining('I will be ready for a meeting if he wants it'),
    });
  });

  it('reports corpus problems as file:line on stderr, never on stdout', () => {
    expect(single.stderr).toContain('broken.md:3: missing url');
    expect(single.stdout).not.toContain('broken.md');
  });

  it('prints one JSON object per non-blank stdin line when the question is -', () => {
    expect(streamed.code).toBe(0);
    const lines = jsonLines(streamed);

    expect(lines.map((line) => [line.question, line.answered])).toEqual([
      ['Will Putin meet Trump?', true],
      ['What is the capital of Australia?', false],
      ['what day was the press conference', true],
      ['what did the russian head of state say about sovereignty', true],
    ]);
    // Read as Putin, whom the article calls "the Russian president" (the quote index's people).
    expect(lines[3]?.match).toBe('direct');
    expect(lines[3]?.corrections).toEqual([
      { from: 'the russian head of state', to: 'Putin', kind: 'person' },
    ]);
    expect(lines[0]).toEqual(jsonLines(single)[0]);
  });

  it('prints answered false, no results and the missing words when the corpus cannot answer', () => {
    const abstained = jsonLines(streamed)[1];

    expect(abstained).toMatchObject({
      question: 'What is the capital of Australia?',
      answered: false,
      results: [],
      missing: ['Australia'],
    });
  });
});
