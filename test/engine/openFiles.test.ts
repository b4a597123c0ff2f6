import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runProcess } from '../runCli.js';

const ARTICLES = 400;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'excerpt-open-files-'));
  for (let n = 0; n < ARTICLES; n++) {
    await writeFile(
      join(dir, `2024-01-01-article-${n}.md`),
      `---\ntitle: Article ${n}\nurl: https://news.example/${n}\npublisher: Example\npublished: 2024-01-01\n---\n\nStory number ${n} says something of its own, about ${n * 7} things.\n`,
    );
  }
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('a corpus of more files than the process may open at once', () => {
  it('loads 400 articles under `ulimit -n 128` (all at once would fail with EMFILE)', async () => {
    const run = await runProcess('sh', [
      '-c',
      'ulimit -n 128 && exec "$0" --import tsx src/cli/corpus.ts check --corpus "$1"',
      process.execPath,
      dir,
    ]);
    const result = { code: run.code, out: run.stdout + run.stderr };
    expect(result.out).not.toContain('EMFILE');
    expect(result.out).toContain(`${ARTICLES.toLocaleString('en-GB')} articles valid, 0 problems`);
    expect(result.code).toBe(0);
  }, 30_000);
});
