import { cp, mkdir, readdir, readFile, utimes, writeFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { archiveArticle } from '../../src/corpus/archive.js';
import { CORPUS_LOCK } from '../../src/corpus/corpusLock.js';
import { loadCorpus } from '../../src/corpus/loadCorpus.js';
import { EngineStore } from '../../src/engineStore.js';
import { runCli } from '../runCli.js';
import { tempFolderForTest } from '../tempFolder.js';
import { type LocalServer, NEWS_PAGE, startLocalServer } from './localServer.js';

// Two processes changing one corpus folder at once (two `corpus add`, or the CLI and the bot). The
// site answers only once both have asked, so both have read the folder and passed the duplicate
// check before either writes: without a lock across processes, both would write.
let server: LocalServer;
let waiting: ServerResponse[] = [];
const barrier = (_request: unknown, response: ServerResponse) => {
  waiting.push(response);
  if (waiting.length < 2) return;
  for (const held of waiting)
    held.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(NEWS_PAGE);
  waiting = [];
};

beforeAll(async () => {
  server = await startLocalServer({ '/race/one': barrier, '/race/two': barrier });
});
afterAll(() => server.close());

async function emptyCorpus(): Promise<string> {
  const dir = await tempFolderForTest('excerpt-race-');
  await cp('corpus/2024-12-19-putin-says-he-will-meet-trump.md', join(dir, 'seed.md'));
  return dir;
}

const add = (dir: string, url: string) =>
  runCli('src/cli/corpus.ts', ['add', url, '--corpus', dir, '--allow-private']);

describe('two processes adding at once', () => {
  it.each([
    ['the same address', '/race/one', '/race/one'],
    ['the same text under two addresses', '/race/one', '/race/two'],
  ])(
    'add %s once, and the other is told it is already there',
    async (_label, first, second) => {
      const dir = await emptyCorpus();
      const runs = await Promise.all([add(dir, server.url(first)), add(dir, server.url(second))]);

      expect(runs.map((run) => run.code).sort()).toEqual([0, 1]);
      expect(runs.find((run) => run.code === 1)?.stderr).toMatch(/already has (this article's text|http)/);
      const corpus = await loadCorpus(dir);
      expect(corpus.problems).toEqual([]);
      expect(corpus.articles).toHaveLength(2);
    },
    60_000,
  );
});

describe('a duplicate copy in the folder', () => {
  it('is skipped and named by a refresh, which still applies the other changes', async () => {
    const dir = await emptyCorpus();
    const store = await EngineStore.open(dir);
    // Copied in by hand, or left by an older version's race: the same article twice, and a real change.
    await cp(join(dir, 'seed.md'), join(dir, 'seed-copy.md'));
    const seed = await readFile(join(dir, 'seed.md'), 'utf8');
    await writeFile(
      join(dir, 'other.md'),
      seed
        .replace(/^url: .*$/m, 'url: https://example.com/other')
        .replace(/^title: .*$/m, 'title: Another story')
        .replace(/Putin/g, 'Lavrov'),
    );

    const report = await store.refresh();

    expect(report.status).toBe('applied');
    expect(report.added).toEqual(['Another story']);
    expect(report.problems).toEqual([
      expect.objectContaining({ file: 'seed-copy.md', message: expect.stringMatching(/duplicate article/) }),
    ]);
    expect(store.engine.corpus.articles.map((article) => article.id).sort()).toEqual(['other', 'seed']);
    expect(await readdir(dir)).not.toContain('archive');
  }, 60_000);
});

describe('the corpus lock', () => {
  it('is taken over when the process that held it was killed (its lock has gone stale)', async () => {
    const dir = await emptyCorpus();
    const lock = join(dir, CORPUS_LOCK);
    await mkdir(lock);
    const minuteAgo = new Date(Date.now() - 60_000);
    await utimes(lock, minuteAgo, minuteAgo);

    await archiveArticle(dir, 'seed');

    expect(await readdir(join(dir, 'archive'))).toEqual(['seed.md']);
    expect(await readdir(dir)).not.toContain(CORPUS_LOCK);
  });

  it('leaves the folder as it was when a remove fails', async () => {
    const dir = await emptyCorpus();

    await expect(archiveArticle(dir, 'no-such-article')).rejects.toThrow(/no such file/);
    expect((await readdir(dir)).sort()).toEqual(['seed.md']);
  });
});
