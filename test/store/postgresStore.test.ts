import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { LibraryStore } from '../../src/store/libraryStore.js';
import { POSTGRES_MIGRATIONS } from '../../src/store/postgresMigrations.js';
import { freshDatabase, postgresUrl } from '../postgres/testDatabase.js';
import { expectTrailToMatchState, KILL_MOMENTS_MS, killRepeatedly } from './crashTest.js';
import { openTogether } from './openTogether.js';
import { article, describeStoreContract, GUILD, MOD } from './storeContract.js';

describe.skipIf(!postgresUrl)('the store on PostgreSQL', () => {
  describeStoreContract('PostgreSQL', async () => {
    const database = await freshDatabase();
    return {
      connect: (options) => LibraryStore.open({ postgresUrl: database.url }, options),
      drop: database.drop,
    };
  });

  it('builds its schema once when several processes start together', async () => {
    const database = await freshDatabase();
    try {
      expect(await openTogether(database.url)).toEqual(['opened', 'opened', 'opened', 'opened']);
      const raw = new pg.Client({ connectionString: database.url });
      await raw.connect();
      const { rows } = await raw.query('SELECT version FROM excerpt_schema');
      await raw.end();
      expect(rows).toEqual([{ version: POSTGRES_MIGRATIONS.length }]);
    } finally {
      await database.drop();
    }
  }, 30_000);

  it('refuses a database from newer code instead of damaging it', async () => {
    const database = await freshDatabase();
    try {
      await (await LibraryStore.open({ postgresUrl: database.url })).close();
      const raw = new pg.Client({ connectionString: database.url });
      await raw.connect();
      await raw.query('UPDATE excerpt_schema SET version = $1', [POSTGRES_MIGRATIONS.length + 1]);
      await raw.end();
      await expect(LibraryStore.open({ postgresUrl: database.url })).rejects.toThrow(
        /newer than this code knows/,
      );
    } finally {
      await database.drop();
    }
  });

  it('hears other processes’ changes again after its listening connection is cut, including those made meanwhile', async () => {
    const database = await freshDatabase();
    const problems: string[] = [];
    const recovered: string[] = [];
    const listening = await LibraryStore.open(
      { postgresUrl: database.url },
      {
        onProblem: (_error, message) => problems.push(message),
        onRecovered: (message) => recovered.push(message),
      },
    );
    const writer = await LibraryStore.open({ postgresUrl: database.url });
    const admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    try {
      await writer.addArticle(GUILD, article('a'), MOD);
      await expect
        .poll(() => listening.libraryVersion(GUILD), { timeout: 5000 })
        .toBe(writer.libraryVersion(GUILD));
      // The database drops the listening connection (a failover, a restart, an idle timeout)…
      await admin.query(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'excerpt-listener'",
      );
      // …and a change is made before it is back: no notification reaches it, the re-read does.
      await writer.addArticle(GUILD, article('b'), MOD);
      await expect
        .poll(() => listening.libraryVersion(GUILD), { timeout: 5000 })
        .toBe(writer.libraryVersion(GUILD));
      await expect.poll(() => recovered.length, { timeout: 5000 }).toBe(1);
      expect(problems).toHaveLength(1);
      // And it hears the next one as before.
      await writer.hide(GUILD, 'shared-1', 'Shared', MOD);
      await expect
        .poll(() => listening.libraryVersion(GUILD), { timeout: 5000 })
        .toBe(writer.libraryVersion(GUILD));
    } finally {
      await admin.end();
      await writer.close();
      await listening.close();
      await database.drop();
    }
  });

  it('loses nothing and leaves nothing half-applied, whenever the process dies', async () => {
    const database = await freshDatabase();
    try {
      // Half the moments: each run starts a process and a connection, and the suite's time counts.
      await killRepeatedly(
        database.url,
        KILL_MOMENTS_MS.filter((_, i) => i % 2 === 1),
      );
      const store = await LibraryStore.open({ postgresUrl: database.url });
      try {
        await expectTrailToMatchState(store);
      } finally {
        await store.close();
      }
    } finally {
      await database.drop();
    }
  }, 60_000);
});
