import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE, LibraryStore } from '../../src/store/libraryStore.js';
import { freshDatabase, postgresUrl } from '../postgres/testDatabase.js';
import { nodeArgsFor, runProcess } from '../runCli.js';
import { article, GUILD, MOD, OTHER } from './storeContract.js';

const copyStore = (dataDir: string, databaseUrl: string) =>
  runProcess(process.execPath, [...nodeArgsFor('src/cli/corpus.ts'), 'copy-store', '--data', dataDir], {
    env: { NO_COLOR: '1', DATABASE_URL: databaseUrl },
  });

/** Everything a store serves about the two servers, to compare one store with another. */
async function contents(store: LibraryStore) {
  const of = async (guildId: string) => ({
    active: await store.articles(guildId, 'active'),
    archived: await store.articles(guildId, 'archived'),
    hidden: [...(await store.hidden(guildId))].sort(),
    settings: await store.settings(guildId),
    history: await store.history(guildId, { limit: 100 }),
  });
  return { [GUILD]: await of(GUILD), [OTHER]: await of(OTHER), present: await store.presentGuilds() };
}

describe.skipIf(!postgresUrl)('npm run corpus -- copy-store', () => {
  let dataDir: string;
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'excerpt-copy-store-'));
    database = await freshDatabase();
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
    await database.drop();
  });

  it('copies every server library, setting, hidden list and history entry into an empty PostgreSQL store, once', async () => {
    const sqlite = await LibraryStore.open(join(dataDir, DATABASE_FILE));
    await sqlite.addArticle(GUILD, article('a'), MOD);
    await sqlite.addArticle(GUILD, article('b'), MOD);
    await sqlite.archiveArticle(GUILD, 'b', MOD);
    await sqlite.hide(GUILD, 'shared-1', 'Shared', MOD);
    await sqlite.setModeratorRole(GUILD, '300000000000000001', true, MOD);
    await sqlite.setLogChannel(GUILD, '400000000000000001', MOD);
    await sqlite.addArticle(OTHER, article('c'), MOD);
    await sqlite.markLeft(OTHER);
    const before = await contents(sqlite);
    const version = sqlite.libraryVersion(GUILD);
    await sqlite.close();

    const copied = await copyStore(dataDir, database.url);
    expect(copied.stderr).toBe('');
    expect(copied.code).toBe(0);
    expect(copied.stdout).toContain('2 servers, 3 server articles, 1 hidden article, 7 history entries');

    const postgres = await LibraryStore.open({ postgresUrl: database.url });
    try {
      expect(await contents(postgres)).toEqual(before);
      expect(postgres.libraryVersion(GUILD)).toBe(version);
      // It goes on from there: new entries follow the copied ones, new versions are newer.
      await postgres.addArticle(GUILD, article('d'), MOD);
      const [latest, previous] = await postgres.history(GUILD, { limit: 2 });
      expect(latest?.id).toBeGreaterThan(previous?.id ?? Number.POSITIVE_INFINITY);
      expect(postgres.libraryVersion(GUILD)).toBeGreaterThan(version);
    } finally {
      await postgres.close();
    }

    // A second copy would double or overwrite what is there now: refused, nothing changed.
    const again = await copyStore(dataDir, database.url);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/not empty.*nothing was copied/);
  }, 60_000);
});
