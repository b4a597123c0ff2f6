import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answer } from '../../src/answer/answer.js';
import { EngineStore } from '../../src/engineStore.js';
import { loadSeedSet } from '../../src/eval/seedSet.js';
import { IngestError } from '../../src/ingest/ingestError.js';
import { Libraries } from '../../src/library/libraries.js';
import { peopleFor } from '../../src/library/peopleFor.js';
import { QuoteIndex } from '../../src/quotes/quoteIndex.js';
import type { Searchable } from '../../src/search/searchable.js';
import { SearchIndex } from '../../src/search/searchIndex.js';
import { LibraryStore, StoreError, type StoreLocation } from '../../src/store/libraryStore.js';
import { type LocalServer, startLocalServer } from '../ingest/localServer.js';
import { freshDatabase, postgresUrl } from '../postgres/testDatabase.js';

const CORPUS = fileURLToPath(new URL('../../corpus/', import.meta.url));
const A = '100000000000000001';
const B = '100000000000000002';
const MOD_A = { userId: '200000000000000001' };
const MOD_B = { userId: '200000000000000002' };
const LOCAL = { allowPrivateAddresses: true, today: '2024-03-07' } as const;
const MILLBRIDGE = 'how much will the millbridge flood wall cost';
const PUTIN = 'Will Putin meet Trump?';

let server: LocalServer;
let shared: EngineStore;
let dir: string;
const stores: LibraryStore[] = [];
const databases: { drop(): Promise<void> }[] = [];

beforeAll(async () => {
  server = await startLocalServer();
  shared = await EngineStore.open(CORPUS);
  dir = await mkdtemp(join(tmpdir(), 'excerpt-libraries-'));
});
afterAll(async () => {
  for (const store of stores) await store.close();
  for (const database of databases) await database.drop();
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

/** Where a test's store lives: a SQLite file, or a new PostgreSQL database when the run has a server. */
const BACKENDS = postgresUrl ? (['SQLite', 'PostgreSQL'] as const) : (['SQLite'] as const);

async function storeLocation(backend: string, name: string): Promise<StoreLocation> {
  if (backend === 'SQLite') return { sqlitePath: join(dir, `${name}.sqlite`) };
  const database = await freshDatabase();
  databases.push(database);
  return { postgresUrl: database.url };
}

async function opened(location: StoreLocation): Promise<LibraryStore> {
  const store = await LibraryStore.open(location);
  stores.push(store);
  return store;
}

async function open(name: string, options: { maxCachedServers?: number } = {}): Promise<Libraries> {
  const store = await LibraryStore.open(join(dir, `${name}.sqlite`));
  stores.push(store);
  return new Libraries(shared, store, options);
}

const citedArticles = (result: ReturnType<typeof answer>) =>
  result.excerpts.map((excerpt) => excerpt.articleId);

describe('a server view scores like one index of all its articles', () => {
  it('ranks the same passage first as a single index of the shared and own articles would', async () => {
    const libraries = await open('fairness');
    await libraries.addToServer(A, server.url('/news/millbridge-flood-wall'), MOD_A, LOCAL);
    const view = await libraries.view(A);
    const single = new SearchIndex([...view.articles], { synonyms: shared.engine.corpus.synonyms });
    const set = await loadSeedSet(fileURLToPath(new URL('../fixtures/seed-questions.json', import.meta.url)));
    const questions = [
      ...set.answerable.map((item) => item.question),
      MILLBRIDGE,
      'who chairs the flood action group',
      'when can residents see the final drawings',
      'how many homes will the wall protect',
      'what did councillor pryce say about the design',
    ];
    const top = (index: Searchable, question: string) => {
      const first = answer(index, question).excerpts[0];
      return first ? `${first.articleId}:${first.paragraphs.join(',')}` : 'none';
    };
    const differ = questions.filter((question) => top(view.index, question) !== top(single, question));
    // Sentence lengths are averaged per part, so scores differ slightly; the first passage must not.
    expect(differ.length / questions.length, differ.join('\n')).toBeLessThanOrEqual(0.03);

    // Words in both parts weigh what they weigh in the single index (BM25 idf over all sentences).
    for (const query of ['said the plan would work', 'years of talks', 'people said']) {
      const scores = (index: Searchable) =>
        new Map(
          index
            .search(query, 20)
            .passages.map((hit) => [`${hit.passage.articleId}:${hit.passage.first}`, hit.score]),
        );
      const layered = scores(view.index);
      const expected = scores(single);
      // Within 10%: the parts' mean sentence lengths differ from the whole's, which BM25 also uses.
      for (const [key, score] of expected) {
        expect(Math.abs((layered.get(key) ?? 0) - score) / score, key).toBeLessThan(0.1);
      }
    }
  });
});

describe('a server view quotes like one quote index of all its articles', () => {
  it('finds, ranks, suggests and autocompletes the same quotes, and none of a hidden article', async () => {
    const libraries = await open('quotes');
    await libraries.addToServer(A, server.url('/news/millbridge-flood-wall'), MOD_A, LOCAL);
    const view = await libraries.view(A);
    const single = new QuoteIndex([...view.articles]);
    const ids = (result: { results: readonly { id: string }[]; suggestions: readonly { id: string }[] }) => [
      ...result.results.map((quote) => quote.id),
      '|',
      ...result.suggestions.map((quote) => quote.id),
    ];
    for (const query of [
      { text: 'we have waited long enough' },
      { text: 'ready' },
      { text: 'sovereign' },
      { text: 'concrete answer nature' },
      { speaker: 'Putin' },
      { speaker: 'Margaret O’Neill' },
      { text: 'river', speaker: 'Putin' },
      { text: 'qzxv nothing' },
    ]) {
      expect(ids((await view.quotes()).searchQuotes(query)), JSON.stringify(query)).toEqual(
        ids(single.searchQuotes(query)),
      );
    }
    expect((await view.quotes()).autocompleteQuotes('wait')).toEqual(single.autocompleteQuotes('wait'));
    expect((await view.quotes()).autocompleteSpeakers('')).toEqual(single.autocompleteSpeakers(''));

    const seed = shared.engine.corpus.articles[0]?.id ?? '';
    await libraries.hide(A, seed, MOD_A);
    const hidden = await (await libraries.view(A)).quotes();
    const withoutSeed = new QuoteIndex([...(await libraries.view(A)).articles]);
    for (const query of [{ text: 'ready' }, { speaker: 'Putin' }, { text: 'we have waited' }])
      expect(ids(hidden.searchQuotes(query))).toEqual(ids(withoutSeed.searchQuotes(query)));
    expect(hidden.listQuotes().some((quote) => quote.articleId === seed)).toBe(false);
    expect(hidden.getQuote(shared.engine.quotes.quotes[0]?.id ?? '')).toBeUndefined();
    expect(hidden.autocompleteSpeakers('put')).toEqual([]);
  });
});

describe('server libraries', () => {
  it('answers one server from its own article and never another server, nor a DM', async () => {
    const libraries = await open('isolation');
    const before = shared.engine;
    const change = await libraries.addToServer(A, server.url('/news/millbridge-flood-wall'), MOD_A, LOCAL);
    expect(change.report.added).toEqual(['Flood wall plan for Millbridge approved after years of delay']);
    expect(shared.engine).toBe(before); // the shared index was not rebuilt

    const inA = answer((await libraries.view(A)).index, MILLBRIDGE);
    expect(inA.answered).toBe(true);
    expect(citedArticles(inA)[0]).toMatch(/millbridge/);
    for (const elsewhere of [B, null]) {
      const view = await libraries.view(elsewhere);
      const result = answer(view.index, MILLBRIDGE);
      expect(citedArticles(result).some((id) => id.includes('millbridge'))).toBe(false);
      expect(view.articles.map((article) => article.id)).not.toContain(citedArticles(inA)[0]);
      expect((await view.quotes()).listQuotes().some((quote) => quote.speaker.includes('O’Neill'))).toBe(
        false,
      );
    }
    // The server still has the shared article beside its own, and both speakers' quotes.
    expect(citedArticles(answer((await libraries.view(A)).index, PUTIN))[0]).toMatch(/putin/);
    const quotesA = await (await libraries.view(A)).quotes();
    expect(quotesA.searchQuotes({ text: 'we have waited long enough' }).results[0]?.speaker).toBe(
      'Margaret O’Neill',
    );
    expect(quotesA.searchQuotes({ speaker: 'Putin' }).status).toBe('found');
    // A question's "the flood group leader" is read against the people this server's articles name,
    // its own among them; another server's are never consulted. No role named, nobody is looked up.
    const leader = 'what did the flood group leader say';
    const names = async (guild: string | null, question: string) =>
      (await peopleFor(await libraries.view(guild), question))().map((person) => person.name);
    expect(await names(A, leader)).toEqual(expect.arrayContaining(['Margaret O’Neill', 'Vladimir Putin']));
    for (const elsewhere of [B, null])
      expect(await names(elsewhere, leader)).not.toContain('Margaret O’Neill');
    expect(await names(A, PUTIN)).toEqual([]);
    // A library whose quotes cannot be built, or not in time, answers as written, not at all.
    const broken = { ...(await libraries.view(A)), quotes: () => Promise.reject(new Error('no quotes')) };
    expect((await peopleFor(broken, leader))()).toEqual([]);
    // (Quotes that never come: without the wait's end, this would never return.)
    const slow = { ...(await libraries.view(A)), quotes: () => new Promise<never>(() => {}) };
    expect((await peopleFor(slow, leader, 50))()).toEqual([]);
  });

  it('hides a shared article in one server only', async () => {
    const libraries = await open('hide');
    const seed = shared.engine.corpus.articles[0]?.id ?? '';
    await libraries.hide(B, seed, MOD_B);
    const inB = answer((await libraries.view(B)).index, PUTIN);
    expect(inB.answered).toBe(false);
    expect((await (await libraries.view(B)).quotes()).listQuotes()).toHaveLength(0);
    expect(answer((await libraries.view(A)).index, PUTIN).answered).toBe(true);
    expect(answer((await libraries.view(null)).index, PUTIN).answered).toBe(true);

    await expect(libraries.hide(B, seed, MOD_B)).rejects.toBeInstanceOf(StoreError);
    await libraries.unhide(B, seed, MOD_B);
    expect(answer((await libraries.view(B)).index, PUTIN).answered).toBe(true);
    expect((await libraries.history(B, false)).map((entry) => entry.action)).toEqual(['unhide', 'hide']);
    expect(await libraries.history(A, false)).toEqual([]);
  });

  it('removes to the archive, restores, refuses duplicates and records who did what', async () => {
    const libraries = await open('lifecycle');
    const url = server.url('/news/millbridge-flood-wall');
    const { summary } = await libraries.addToServer(A, url, MOD_A, LOCAL);
    const id = /as (\S+)\.$/.exec(summary)?.[1] ?? '';
    await expect(libraries.addToServer(A, url, MOD_A, LOCAL)).rejects.toBeInstanceOf(IngestError);
    // The same text under another address is the same article.
    await expect(
      libraries.addToServer(A, server.url('/copy/millbridge-flood-wall'), MOD_A, LOCAL),
    ).rejects.toThrow(/already has this article's text/);

    await libraries.removeFromServer(A, id, MOD_A);
    expect((await libraries.view(A)).articles.map((article) => article.id)).not.toContain(id);
    expect(await libraries.archivedIds(A)).toEqual([id]);
    await expect(libraries.addToServer(A, url, MOD_A, LOCAL)).rejects.toThrow(/restore it/);
    await libraries.restoreToServer(A, id, MOD_A);
    expect(answer((await libraries.view(A)).index, MILLBRIDGE).excerpts[0]?.articleId).toBe(id);

    const history = await libraries.history(A, false);
    expect(history.map((entry) => [entry.action, entry.articleId, entry.userId])).toEqual([
      ['restore', id, MOD_A.userId],
      ['remove', id, MOD_A.userId],
      ['add', id, MOD_A.userId],
    ]);
    expect(history[2]?.detail).toMatchObject({ url, paragraphs: expect.any(Number) });
  });

  it.each(BACKENDS)(
    'serves a server library after a restart, after being dropped from memory, and after another process changed it (%s)',
    async (backend) => {
      const location = await storeLocation(backend, 'restart');
      const first = new Libraries(shared, await opened(location), { maxCachedServers: 1 });
      await first.addToServer(A, server.url('/news/millbridge-flood-wall'), MOD_A, LOCAL);
      await first.view(B); // pushes A out of memory
      expect(first.cachedServers).toBe(1);
      expect(citedArticles(answer((await first.view(A)).index, MILLBRIDGE))[0]).toMatch(/millbridge/);

      // Another process (a second connection to the same database) hides the seed article in A: the
      // first serves the change within 5 s (at once on SQLite; on PostgreSQL once NOTIFY arrives).
      const other = await opened(location);
      const seed = shared.engine.corpus.articles[0]?.id ?? '';
      await other.hide(A, seed, 'seed', MOD_A);
      await expect
        .poll(async () => citedArticles(answer((await first.view(A)).index, PUTIN)), {
          timeout: 5000,
          interval: 50,
        })
        .not.toContain(seed);

      const restarted = new Libraries(shared, await opened(location));
      expect(citedArticles(answer((await restarted.view(A)).index, MILLBRIDGE))[0]).toMatch(/millbridge/);
      expect(citedArticles(answer((await restarted.view(A)).index, PUTIN))).not.toContain(seed);
    },
  );

  it('records a change to the shared library before making it, and how it ended', async () => {
    const libraries = await open('shared-trail');
    await expect(
      libraries.sharedChange(A, MOD_A, 'add', () => Promise.reject(new Error('fetch failed')), { url: 'u' }),
    ).rejects.toThrow('fetch failed');
    const [entry] = await libraries.history(A, true);
    expect([entry?.library, entry?.action, entry?.status, entry?.detail]).toEqual([
      'shared',
      'add',
      'failed',
      { url: 'u', error: 'fetch failed' },
    ]);
  });

  it('refresh fetches each server article again and stores the ones that changed', async () => {
    let page = await (await fetch(server.url('/news/millbridge-flood-wall'))).text();
    const live = await startLocalServer({
      '/live': (_request, response) => response.writeHead(200, { 'content-type': 'text/html' }).end(page),
    });
    try {
      const libraries = await open('refresh');
      await libraries.addToServer(A, live.url('/live'), MOD_A, LOCAL);
      const unchanged = await libraries.refreshServer(A, MOD_A, LOCAL);
      expect(unchanged.report.changed).toEqual([]);
      page = page.replace('A £14m flood wall', 'A £16m flood wall');
      const changed = await libraries.refreshServer(A, MOD_A, LOCAL);
      expect(changed.report.changed).toHaveLength(1);
      const result = answer((await libraries.view(A)).index, MILLBRIDGE);
      expect(result.excerpts[0]?.text).toContain('£16m');
      expect((await libraries.history(A, false))[0]?.detail).toMatchObject({ changed: [expect.any(String)] });
    } finally {
      await live.close();
    }
  });
});

describe.skipIf(!postgresUrl)('a server library during a database outage (PostgreSQL)', () => {
  it('serves the last library it read, says so, and reads the new one once the database is back', async () => {
    const location = await storeLocation('PostgreSQL', 'outage');
    if (!('postgresUrl' in location)) throw new Error('expected PostgreSQL');
    const stale: string[] = [];
    const first = new Libraries(shared, await opened(location), {
      onStale: (guildId) => stale.push(guildId),
    });
    const other = await opened(location);
    await first.addToServer(A, server.url('/news/millbridge-flood-wall'), MOD_A, LOCAL);
    expect(citedArticles(answer((await first.view(A)).index, MILLBRIDGE))[0]).toMatch(/millbridge/);

    // Another process hides the seed article; this one hears of it, then the database goes away.
    const seed = shared.engine.corpus.articles[0]?.id ?? '';
    await other.hide(A, seed, 'seed', MOD_A);
    await expect.poll(() => first.store.libraryVersion(A), { timeout: 5000 }).toBe(other.libraryVersion(A));
    const name = new URL(location.postgresUrl).pathname.slice(1);
    const admin = new pg.Client({ connectionString: postgresUrl });
    await admin.connect();
    try {
      await admin.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS false`);
      await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [name]);

      // Still answered, from what it had: its own article, and the seed not yet hidden.
      const during = await first.view(A);
      expect(citedArticles(answer(during.index, MILLBRIDGE))[0]).toMatch(/millbridge/);
      expect(citedArticles(answer(during.index, PUTIN))).toContain(seed);
      expect(stale).toEqual([A]);

      await admin.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS true`);
      await expect
        .poll(async () => citedArticles(answer((await first.view(A)).index, PUTIN)), {
          timeout: 10_000,
          interval: 100,
        })
        .not.toContain(seed);
    } finally {
      await admin.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS true`).catch(() => undefined);
      await admin.end();
    }
  }, 30_000);
});
