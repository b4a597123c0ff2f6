import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE, LibraryStore } from '../../src/store/libraryStore.js';
import { runCli } from '../runCli.js';

const GUILD = '100000000000000001';
const OTHER = '100000000000000002';
const KREMLIN = `---
title: Kremlin says talks with Washington could start soon
url: https://example.com/news/2024-12-20/kremlin-talks
publisher: Example News
published: 2024-12-20
---
The Kremlin said on Friday that talks with Washington about Ukraine could begin early next year.

Officials gave no date for the first round of negotiations.

Belarusian President Alexander Lukashenko said he was ready to host the talks in Minsk.
`;

const run = (script: string, args: readonly string[]) => runCli(script, args);

let dataDir: string;
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'excerpt-server-cli-'));
  const store = await LibraryStore.open(join(dataDir, DATABASE_FILE));
  const actor = { userId: 'cli' };
  const stored = (id: string, markdown: string) => ({
    articleId: id,
    title: id,
    url: `https://example.com/${id}`,
    canonicalUrl: `example.com/${id}`,
    bodyHash: id,
    markdown,
  });
  await store.addArticle(GUILD, stored('2024-12-20-kremlin-talks', KREMLIN), actor);
  await store.addArticle(
    OTHER,
    stored('broken', KREMLIN.replace('published: 2024-12-20', 'published: 2024-13-45')),
    actor,
  );
  await store.close();
});
afterAll(() => rm(dataDir, { recursive: true, force: true }));

describe('the command line with server libraries', () => {
  it('answers from what one server sees with --guild, and from the shared library without it', async () => {
    const question = 'When could talks with Washington begin?';
    const inServer = await run('src/cli/ask.ts', ['--json', '--guild', GUILD, '--data', dataDir, question]);
    expect(inServer.code).toBe(0);
    expect(JSON.parse(inServer.stdout).results[0].title).toBe(
      'Kremlin says talks with Washington could start soon',
    );
    const shared = await run('src/cli/ask.ts', ['--json', question]);
    expect(JSON.stringify(JSON.parse(shared.stdout))).not.toContain('Kremlin says talks');
  });

  it('reads a description of someone only the server’s own article names, with --guild only', async () => {
    // The server's article calls him "Belarusian President Alexander Lukashenko": "the Belarusian president".
    const question = "what did minsk's leader offer";
    const inServer = await run('src/cli/ask.ts', ['--json', '--guild', GUILD, '--data', dataDir, question]);
    expect(JSON.parse(inServer.stdout).corrections).toEqual([
      { from: "minsk's leader", to: 'Lukashenko', kind: 'person' },
    ]);
    const shared = await run('src/cli/ask.ts', ['--json', question]);
    expect(JSON.parse(shared.stdout).corrections).toBeUndefined();
  });

  it('checks a server’s stored articles, naming the server, the article and the line', async () => {
    const good = await run('src/cli/corpus.ts', ['check', '--guild', GUILD, '--data', dataDir]);
    expect(good.code).toBe(0);
    expect(good.stdout).toContain('1 server article valid, 0 problems in 1 server');
    const all = await run('src/cli/corpus.ts', ['check', '--all-servers', '--data', dataDir]);
    expect(all.code).toBe(1);
    expect(all.stderr).toContain(
      `server ${OTHER}/broken.md:5: bad published date "2024-13-45": expected YYYY-MM-DD`,
    );
  });

  it('refuses to create a database where there is none', async () => {
    const missing = join(dataDir, 'nowhere');
    const result = await run('src/cli/corpus.ts', ['check', '--guild', GUILD, '--data', missing]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/No database at .*nowhere/);
    await expect(readFile(join(missing, DATABASE_FILE))).rejects.toThrow();
  });

  it('purges everything kept for one server and nothing of another', async () => {
    const purged = await run('src/cli/corpus.ts', ['purge-server', OTHER, '--data', dataDir]);
    expect(purged.stdout).toContain(`Deleted server ${OTHER}: 1 article, 1 history entry`);
    const store = await LibraryStore.open(join(dataDir, DATABASE_FILE));
    expect(await store.articles(OTHER)).toEqual([]);
    expect(await store.articles(GUILD)).toHaveLength(1);
    await store.close();
  });
});
