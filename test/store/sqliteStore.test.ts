import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LibraryStore } from '../../src/store/libraryStore.js';
import { MIGRATIONS } from '../../src/store/sqliteMigrations.js';
import { expectTrailToMatchState, killRepeatedly } from './crashTest.js';
import { openTogether } from './openTogether.js';
import { article, describeStoreContract, GUILD, MOD } from './storeContract.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'excerpt-store-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describeStoreContract('SQLite', async () => {
  const folder = await mkdtemp(join(tmpdir(), 'excerpt-store-'));
  const path = join(folder, 'excerpt.sqlite');
  return {
    connect: (options) => LibraryStore.open(path, options),
    drop: () => rm(folder, { recursive: true, force: true }),
  };
});

describe('the SQLite file', () => {
  it('creates its schema once, in WAL mode, and reopens an existing database unchanged', async () => {
    const path = join(dir, 'schema.sqlite');
    await (await LibraryStore.open(path)).close();
    const store = await LibraryStore.open(path);
    await store.addArticle(GUILD, article('a'), MOD);
    await store.close();
    const raw = new Database(path, { readonly: true });
    expect(raw.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.close();
    const reopened = await LibraryStore.open(path);
    expect(await reopened.articles(GUILD)).toHaveLength(1);
    await reopened.close();
  });

  it('refuses a database from newer code instead of damaging it', async () => {
    const path = join(dir, 'newer.sqlite');
    const raw = new Database(path);
    raw.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    raw.close();
    await expect(LibraryStore.open(path)).rejects.toThrow(/newer than this code knows/);
  });

  it('upgrades a database made by the first schema without touching its trail, and versions its libraries', async () => {
    const path = join(dir, 'version1.sqlite');
    const raw = new Database(path);
    raw.exec(MIGRATIONS[0] ?? '');
    raw.pragma('user_version = 1');
    raw
      .prepare(
        "INSERT INTO audit (guild_id, library, user_id, action, detail, at) VALUES (?, 'server', ?, 'hide', '{}', 1)",
      )
      .run(GUILD, MOD.userId);
    raw.close();
    const store = await LibraryStore.open(path);
    expect((await store.history(GUILD)).map((entry) => [entry.action, entry.status])).toEqual([
      ['hide', 'applied'],
    ]);
    await store.addArticle(GUILD, article('a'), MOD);
    expect(store.libraryVersion(GUILD)).toBe(1);
    await store.close();
  });
});

describe('LibraryStore on SQLite under kill -9', () => {
  it('loses nothing and leaves nothing half-applied, whenever the process dies', async () => {
    const path = join(dir, 'crash.sqlite');
    await killRepeatedly(path);
    const raw = new Database(path);
    expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
    raw.close();
    const store = await LibraryStore.open(path);
    try {
      await expectTrailToMatchState(store);
    } finally {
      await store.close();
    }
  }, 60_000);
});

describe('several processes opening a new database at once', () => {
  it('all open it, and the schema is built once', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'excerpt-open-'));
    try {
      for (let round = 0; round < 3; round++) {
        const path = join(dir, `round-${round}.sqlite`);
        expect(await openTogether(path)).toEqual(['opened', 'opened', 'opened', 'opened']);
        const store = await LibraryStore.open(path);
        expect(await store.history('100000000000000001')).toEqual([]);
        await store.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 30_000);
});
