// What every backend of the store must do, run on SQLite and on PostgreSQL. Each test opens a new,
// empty database; two stores on one database stand for two processes of the bot.
import { describe, expect, it } from 'vitest';
import { SharedCooldown } from '../../src/bot/cooldown.js';
import { type LibraryStore, StoreError } from '../../src/store/libraryStore.js';

export const GUILD = '100000000000000001';
export const OTHER = '100000000000000002';
export const MOD = { userId: '200000000000000001' };
export const article = (id: string) => ({
  articleId: id,
  title: `Title ${id}`,
  url: `https://news.example/${id}`,
  canonicalUrl: `news.example/${id}`,
  bodyHash: `hash-${id}`,
  markdown: `---\ntitle: ${id}\n---\n\nText.\n`,
});

export interface StoreDatabase {
  /** Opens a store on this database: each call is another connection, as another process's. */
  connect(options?: { now?: () => number }): Promise<LibraryStore>;
  drop(): Promise<void>;
}

/** Runs `test` with a new database, closing every store it opened and dropping the database after. */
async function withDatabase(
  fresh: () => Promise<StoreDatabase>,
  test: (connect: StoreDatabase['connect']) => Promise<void>,
): Promise<void> {
  const database = await fresh();
  const opened: LibraryStore[] = [];
  try {
    await test(async (options) => {
      const store = await database.connect(options);
      opened.push(store);
      return store;
    });
  } finally {
    for (const store of opened) await store.close().catch(() => undefined);
    await database.drop();
  }
}

export function describeStoreContract(backend: string, fresh: () => Promise<StoreDatabase>): void {
  const withStore = (test: (connect: StoreDatabase['connect']) => Promise<void>) => () =>
    withDatabase(fresh, test);

  describe(`LibraryStore on ${backend}`, () => {
    it(
      'keeps servers apart and refuses the same address or text twice in one server',
      withStore(async (connect) => {
        const store = await connect();
        await store.addArticle(GUILD, article('a'), MOD);
        await store.addArticle(OTHER, article('a'), MOD); // another server may have the same article
        await expect(
          store.addArticle(GUILD, { ...article('b'), canonicalUrl: 'news.example/a' }, MOD),
        ).rejects.toThrow(StoreError);
        await expect(store.addArticle(GUILD, { ...article('c'), bodyHash: 'hash-a' }, MOD)).rejects.toThrow(
          /already has/,
        );
        await store.archiveArticle(GUILD, 'a', MOD);
        expect(await store.articles(GUILD)).toEqual([]);
        expect((await store.articles(OTHER)).map((entry) => entry.articleId)).toEqual(['a']);
        await expect(store.addArticle(GUILD, article('a'), MOD)).rejects.toThrow(/archive/);
        await expect(store.archiveArticle(GUILD, 'a', MOD)).rejects.toThrow(/No article a/);
        await store.restoreArticle(GUILD, 'a', MOD);
        expect((await store.history(GUILD)).map((entry) => entry.action)).toEqual([
          'restore',
          'remove',
          'add',
        ]);
        expect((await store.history(OTHER)).map((entry) => entry.action)).toEqual(['add']);
      }),
    );

    it(
      'stores moderator roles and the log channel per server, with an audit entry each',
      withStore(async (connect) => {
        const store = await connect();
        expect(await store.settings(GUILD)).toEqual({ moderatorRoleIds: [], logChannelId: null });
        await store.setModeratorRole(GUILD, '300000000000000001', true, MOD);
        await store.setLogChannel(GUILD, '400000000000000001', MOD);
        expect(await store.settings(GUILD)).toEqual({
          moderatorRoleIds: ['300000000000000001'],
          logChannelId: '400000000000000001',
        });
        expect((await store.settings(OTHER)).moderatorRoleIds).toEqual([]);
        await expect(store.setModeratorRole(GUILD, '300000000000000001', true, MOD)).rejects.toThrow(
          /already/,
        );
        await store.setModeratorRole(GUILD, '300000000000000001', false, MOD);
        expect((await store.history(GUILD)).map((entry) => [entry.action, entry.detail])).toEqual([
          ['moderator-role', { removed: '300000000000000001' }],
          ['log-channel', { before: null, after: '400000000000000001' }],
          ['moderator-role', { added: '300000000000000001' }],
        ]);
      }),
    );

    it(
      'keeps a server that the bot left until the retention period has passed, then deletes all of it',
      withStore(async (connect) => {
        let now = Date.UTC(2026, 0, 1);
        const store = await connect({ now: () => now });
        const day = 24 * 3600 * 1000;
        await store.addArticle(GUILD, article('a'), MOD);
        await store.hide(GUILD, 'shared', 'Shared', MOD);
        await store.addArticle(OTHER, article('b'), MOD);
        await store.markLeft(GUILD);
        now += 10 * day;
        await store.markPresent(GUILD); // re-invited: nothing is due
        await store.markLeft(GUILD);
        now += 29 * day;
        expect(await store.purgeLeftBefore(30 * day)).toEqual([]);
        now += 2 * day;
        expect(await store.purgeLeftBefore(30 * day)).toEqual([GUILD]);
        expect(await store.articles(GUILD, 'active')).toEqual([]);
        expect((await store.hidden(GUILD)).size).toBe(0);
        expect(await store.history(GUILD)).toEqual([]);
        expect(await store.articles(OTHER)).toHaveLength(1);
      }),
    );

    it(
      'marks a change still started when its process stopped as interrupted, and keeps how others ended',
      withStore(async (connect) => {
        let now = 1_000_000;
        const first = await connect({ now: () => now });
        const done = await first.begin({
          guildId: GUILD,
          library: 'shared',
          userId: MOD.userId,
          action: 'add',
        });
        await first.finish(done, 'applied', { url: 'a', added: ['A'] });
        const refused = await first.begin({
          guildId: GUILD,
          library: 'shared',
          userId: MOD.userId,
          action: 'refresh',
        });
        await first.finish(refused, 'rejected', { problems: ['x.md:3: bad url'] });
        const stopped = await first.begin({
          guildId: GUILD,
          library: 'shared',
          userId: MOD.userId,
          action: 'remove',
          detail: { article: 'b' },
        });
        await first.close(); // the process stops here, as kill -9 would leave it
        now += 60_000;
        const running = await connect({ now: () => now });
        const late = await running.begin({
          guildId: GUILD,
          library: 'shared',
          userId: MOD.userId,
          action: 'add',
        });

        const second = await connect({ now: () => now });
        // Processes sharing the store only take a change older than any can last for interrupted.
        const interrupted = await second.interruptStarted(30_000);
        expect(interrupted.map((entry) => [entry.id, entry.action, entry.status, entry.detail])).toEqual([
          [stopped, 'remove', 'interrupted', { article: 'b' }],
        ]);
        expect(await second.interruptStarted(30_000)).toEqual([]);
        // Taken for interrupted (a process alone at start-up), a change that then ends says how.
        expect((await second.interruptStarted()).map((entry) => entry.id)).toEqual([late]);
        await running.finish(late, 'applied', { added: ['B'] });
        expect((await second.history(GUILD)).map((entry) => [entry.action, entry.status])).toEqual([
          ['add', 'applied'],
          ['remove', 'interrupted'],
          ['refresh', 'rejected'],
          ['add', 'applied'],
        ]);
      }),
    );

    it(
      'gives a server’s library a new version, seen by every connection, only when that library changes',
      withStore(async (connect) => {
        const [one, other] = [await connect(), await connect()];
        const seen = async (guildId: string, version: number) =>
          expect.poll(() => other.libraryVersion(guildId), { timeout: 5000, interval: 20 }).toBe(version);
        expect(one.libraryVersion(GUILD)).toBe(0);
        await one.addArticle(GUILD, article('a'), MOD);
        const added = one.libraryVersion(GUILD);
        expect(added).toBeGreaterThan(0); // this connection's own change, at once
        await seen(GUILD, added);
        // Settings, membership, cooldowns and claims are not the library: nothing to rebuild.
        await one.setLogChannel(GUILD, '400000000000000001', MOD);
        await one.markLeft(GUILD);
        await one.markPresent(GUILD);
        await one.takeCooldown('ask:1', 5, 1000);
        await one.claimInteraction('500000000000000001');
        await one.addArticle(OTHER, article('b'), MOD);
        await seen(OTHER, one.libraryVersion(OTHER));
        expect(other.libraryVersion(GUILD)).toBe(added);
        // A refused change changes nothing either.
        await expect(
          one.hide(OTHER, 'x', 'X', MOD).then(() => one.hide(OTHER, 'x', 'X', MOD)),
        ).rejects.toThrow(/already hidden/);
        const hidden = one.libraryVersion(OTHER);
        await other.unhide(OTHER, 'x', 'X', MOD);
        expect(other.libraryVersion(OTHER)).toBeGreaterThan(hidden);
        await expect
          .poll(() => one.libraryVersion(OTHER), { timeout: 5000, interval: 20 })
          .toBe(other.libraryVersion(OTHER));
        // A purged server is rebuilt as empty, and a new article after that is a newer version still.
        const before = one.libraryVersion(GUILD);
        await one.purgeGuild(GUILD);
        await one.addArticle(GUILD, article('c'), MOD);
        expect(one.libraryVersion(GUILD)).toBeGreaterThan(before);
        await seen(GUILD, one.libraryVersion(GUILD));
      }),
    );

    it(
      'reads a server’s articles and hidden list at one moment',
      withStore(async (connect) => {
        const store = await connect();
        await store.addArticle(GUILD, article('a'), MOD);
        await store.hide(GUILD, 'shared-1', 'Shared', MOD);
        const library = await store.library(GUILD);
        expect(library.articles.map((entry) => entry.articleId)).toEqual(['a']);
        expect([...library.hidden]).toEqual(['shared-1']);
      }),
    );

    it(
      'lets one of two connections adding the same article at once have it, and refuses the other',
      withStore(async (connect) => {
        const [one, other] = [await connect(), await connect()];
        for (let round = 0; round < 10; round++) {
          const results = await Promise.allSettled([
            one.addArticle(GUILD, article(`x${round}`), MOD),
            other.addArticle(
              GUILD,
              {
                ...article(`y${round}`),
                url: `https://news.example/x${round}`,
                canonicalUrl: `news.example/x${round}`,
              },
              MOD,
            ),
          ]);
          expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
          const refused = results.find((result) => result.status === 'rejected');
          expect(refused?.status === 'rejected' && refused.reason).toBeInstanceOf(StoreError);
        }
        expect(await one.articles(GUILD)).toHaveLength(10);
      }),
    );

    it(
      'counts a user’s uses through any connection to the store, and frees them after the window',
      withStore(async (connect) => {
        let now = 1_000_000;
        const [first, second] = [await connect({ now: () => now }), await connect({ now: () => now })];
        const one = new SharedCooldown(first, 2, 30_000);
        const other = new SharedCooldown(second, 2, 30_000);
        expect(await one.take('ask:300000000000000001')).toBe(0);
        now += 1000;
        expect(await other.take('ask:300000000000000001')).toBe(0);
        now += 1000;
        // The third use, through either process, waits until the first leaves the window.
        expect(await one.take('ask:300000000000000001')).toBe(28_000);
        expect(await other.take('ask:300000000000000001')).toBe(28_000);
        // Another command and another user have their own allowance.
        expect(await other.take('quote:300000000000000001')).toBe(0);
        expect(await one.take('ask:300000000000000002')).toBe(0);
        now += 28_000;
        expect(await other.take('ask:300000000000000001')).toBe(0);
        // Many uses at once through both: exactly the allowance passes.
        now += 60_000;
        const taken = await Promise.all(
          Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? one : other).take('ask:300000000000000003')),
        );
        expect(taken.filter((wait) => wait === 0)).toHaveLength(2);
      }),
    );

    it(
      'gives each interaction to the first process that claims it, once',
      withStore(async (connect) => {
        // Two connections stand for the old and the new process of one shard during a handover.
        const [old, fresh] = [await connect(), await connect()];
        const ids = Array.from({ length: 50 }, (_, i) => `4000000000000000${String(i).padStart(2, '0')}`);
        for (const [i, id] of ids.entries()) {
          const [first, second] = i % 2 === 0 ? [old, fresh] : [fresh, old];
          expect([await first.claimInteraction(id), await second.claimInteraction(id)]).toEqual([
            true,
            false,
          ]);
        }
        expect(await old.claimInteraction(ids[0] ?? '')).toBe(false);
        // Both at once: one each.
        const raced = await Promise.all(
          ids.map((id) => Promise.all([old.claimInteraction(`${id}9`), fresh.claimInteraction(`${id}9`)])),
        );
        expect(raced.every(([a, b]) => a !== b)).toBe(true);
      }),
    );
  });
}
