import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { removeArticle, restoreArchived } from '../../src/corpusAdmin.js';
import { watchCorpus } from '../../src/corpusWatcher.js';
import { EngineStore, type RefreshReport } from '../../src/engineStore.js';
import { copyBundledCorpus } from '../bundledCorpus.js';

const ARTICLE = `---
title: Kremlin sets a date for talks
url: https://example.com/news/kremlin-date
publisher: Example News
published: 2024-12-21
---
The Kremlin said the first round of talks would take place in Riyadh.

Officials declined to say who would attend.
`;

describe('watchCorpus', () => {
  let dir = '';
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('refreshes once, debounced, when article files change, and keeps the old index for a broken one', async () => {
    dir = await mkdtemp(join(tmpdir(), 'excerpt-watch-'));
    await copyBundledCorpus(dir);
    const store = await EngineStore.open(dir);
    const reports: RefreshReport[] = [];
    const watcher = watchCorpus(store, pino({ level: 'silent' }), (report) => reports.push(report));
    try {
      await writeFile(join(dir, 'kremlin-date.md'), ARTICLE);
      await writeFile(join(dir, 'kremlin-date.md'), `${ARTICLE}\nA third paragraph.\n`);
      await until(() => reports.length === 1);
      expect(reports[0]).toMatchObject({ status: 'applied', added: ['Kremlin sets a date for talks'] });
      expect(store.engine.corpus.articles).toHaveLength(2);

      await writeFile(join(dir, 'broken.md'), '---\ntitle: Broken\n---\n');
      await until(() => reports.length === 2);
      expect(reports[1]?.status).toBe('rejected');
      expect(store.engine.corpus.articles).toHaveLength(2);
    } finally {
      watcher.close();
    }
  });
});

describe('several processes serving one shared library', () => {
  let dir = '';
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('serves, within 5 s, a change made through another process (each one follows the folder)', async () => {
    dir = await mkdtemp(join(tmpdir(), 'excerpt-workers-'));
    await copyBundledCorpus(dir);
    // Two stores on one folder stand for two workers: the change goes through the first (as
    // /library remove does), the second only follows the folder.
    const [first, second] = [await EngineStore.open(dir), await EngineStore.open(dir)];
    const watcher = watchCorpus(second, pino({ level: 'silent' }));
    try {
      const seed = second.engine.corpus.articles[0]?.id ?? '';
      const started = Date.now();
      expect((await removeArticle(first, seed)).report.status).toBe('applied');
      await until(() => second.engine.corpus.articles.length === 0, 5000);
      expect(Date.now() - started).toBeLessThan(5000);
      expect((await restoreArchived(first, seed)).report.status).toBe('applied');
      await until(() => second.engine.corpus.articles.length === 1, 5000);
    } finally {
      watcher.close();
    }
  });
});

async function until(condition: () => boolean, timeoutMs = 8000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('until: timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
