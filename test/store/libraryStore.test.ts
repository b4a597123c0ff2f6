import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SharedCooldown } from '../../src/bot/cooldown.js';
import { LibraryStore, StoreError } from '../../src/store/libraryStore.js';
import { MIGRATIONS } from '../../src/store/migrations.js';

const GUILD = '100000000000000001';
const OTHER = '100000000000000002';
const MOD = { userId: '200000000000000001' };
const article = (id: string) => ({
  articleId: id,
  title: `Title ${id}`,
  url: `https://news.example/${id}`,
  canonicalUrl: `news.example/${id}`,
  bodyHash: `hash-${id}`,
  markdown: `---\ntitle: ${id}\n---\n\nText.\n`,
});

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'excerpt-store-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('LibraryStore', () => {
  it('creates its schema once, in WAL mode, and reopens an existing database unchanged', () => {
    const path = join(dir, 'schema.sqlite');
    LibraryStore.open(path).close();
    const store = LibraryStore.open(path);
    store.addArticle(GUILD, article('a'), MOD);
    store.close();
    const raw = new Database(path, { readonly: true });
    expect(raw.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.close();
    expect(LibraryStore.open(path).articles(GUILD)).toHaveLength(1);
  });

  it('refuses a database from newer code instead of damaging it', () => {
    const path = join(dir, 'newer.sqlite');
    const raw = new Database(path);
    raw.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    raw.close();
    expect(() => LibraryStore.open(path)).toThrow(/newer than this code knows/);
  });

  it('keeps servers apart and refuses the same address or text twice in one server', () => {
    const store = LibraryStore.open(':memory:');
    store.addArticle(GUILD, article('a'), MOD);
    store.addArticle(OTHER, article('a'), MOD); // another server may have the same article
    expect(() => store.addArticle(GUILD, { ...article('b'), canonicalUrl: 'news.example/a' }, MOD)).toThrow(
      StoreError,
    );
    expect(() => store.addArticle(GUILD, { ...article('c'), bodyHash: 'hash-a' }, MOD)).toThrow(
      /already has/,
    );
    store.archiveArticle(GUILD, 'a', MOD);
    expect(store.articles(GUILD)).toEqual([]);
    expect(store.articles(OTHER).map((entry) => entry.articleId)).toEqual(['a']);
    expect(() => store.addArticle(GUILD, article('a'), MOD)).toThrow(/archive/);
    expect(() => store.archiveArticle(GUILD, 'a', MOD)).toThrow(/No article a/);
    store.restoreArticle(GUILD, 'a', MOD);
    expect(store.history(GUILD).map((entry) => entry.action)).toEqual(['restore', 'remove', 'add']);
    expect(store.history(OTHER).map((entry) => entry.action)).toEqual(['add']);
  });

  it('stores moderator roles and the log channel per server, with an audit entry each', () => {
    const store = LibraryStore.open(':memory:');
    expect(store.settings(GUILD)).toEqual({ moderatorRoleIds: [], logChannelId: null });
    store.setModeratorRole(GUILD, '300000000000000001', true, MOD);
    store.setLogChannel(GUILD, '400000000000000001', MOD);
    expect(store.settings(GUILD)).toEqual({
      moderatorRoleIds: ['300000000000000001'],
      logChannelId: '400000000000000001',
    });
    expect(store.settings(OTHER).moderatorRoleIds).toEqual([]);
    expect(() => store.setModeratorRole(GUILD, '300000000000000001', true, MOD)).toThrow(/already/);
    store.setModeratorRole(GUILD, '300000000000000001', false, MOD);
    expect(store.history(GUILD).map((entry) => [entry.action, entry.detail])).toEqual([
      ['moderator-role', { removed: '300000000000000001' }],
      ['log-channel', { before: null, after: '400000000000000001' }],
      ['moderator-role', { added: '300000000000000001' }],
    ]);
  });

  it('keeps a server that the bot left until the retention period has passed, then deletes all of it', () => {
    let now = Date.UTC(2026, 0, 1);
    const store = LibraryStore.open(':memory:', { now: () => now });
    const day = 24 * 3600 * 1000;
    store.addArticle(GUILD, article('a'), MOD);
    store.hide(GUILD, 'shared', 'Shared', MOD);
    store.addArticle(OTHER, article('b'), MOD);
    store.markLeft(GUILD);
    now += 10 * day;
    store.markPresent(GUILD); // re-invited: nothing is due
    store.markLeft(GUILD);
    now += 29 * day;
    expect(store.purgeLeftBefore(30 * day)).toEqual([]);
    now += 2 * day;
    expect(store.purgeLeftBefore(30 * day)).toEqual([GUILD]);
    expect(store.articles(GUILD, 'active')).toEqual([]);
    expect(store.hidden(GUILD).size).toBe(0);
    expect(store.history(GUILD)).toEqual([]);
    expect(store.articles(OTHER)).toHaveLength(1);
  });
});

describe('changes to the shared folder in the trail', () => {
  it('marks a change still started when the process stopped as interrupted, and keeps how others ended', () => {
    const path = join(dir, 'started.sqlite');
    const first = LibraryStore.open(path);
    const done = first.begin({
      guildId: GUILD,
      library: 'shared',
      userId: MOD.userId,
      action: 'add',
      detail: { url: 'a' },
    });
    first.finish(done, 'applied', { url: 'a', added: ['A'] });
    const refused = first.begin({ guildId: GUILD, library: 'shared', userId: MOD.userId, action: 'refresh' });
    first.finish(refused, 'rejected', { problems: ['x.md:3: bad url'] });
    first.begin({
      guildId: GUILD,
      library: 'shared',
      userId: MOD.userId,
      action: 'remove',
      detail: { article: 'b' },
    });
    first.close(); // the process stops here, as kill -9 would leave it

    const second = LibraryStore.open(path);
    expect(second.interruptStarted().map((entry) => [entry.action, entry.status, entry.detail])).toEqual([
      ['remove', 'interrupted', { article: 'b' }],
    ]);
    expect(second.interruptStarted()).toEqual([]);
    expect(second.history(GUILD).map((entry) => [entry.action, entry.status])).toEqual([
      ['remove', 'interrupted'],
      ['refresh', 'rejected'],
      ['add', 'applied'],
    ]);
    second.close();
  });

  it('upgrades a database made by the first schema without touching its trail', () => {
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
    const store = LibraryStore.open(path);
    expect(store.history(GUILD).map((entry) => [entry.action, entry.status])).toEqual([['hide', 'applied']]);
    store.close();
  });
});

describe('LibraryStore under kill -9', () => {
  const worker = fileURLToPath(new URL('./crashWorker.ts', import.meta.url));

  /** Starts the worker, waits until it is changing the database, and kills it after `afterMs`. */
  function runAndKill(path: string, afterMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
      // One process (not the tsx wrapper, whose child would outlive the kill).
      const child = spawn(process.execPath, ['--import', 'tsx', worker, path], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      child.stdout.once('data', () => setTimeout(() => child.kill('SIGKILL'), afterMs));
      child.once('error', reject);
      child.once('exit', (_code, signal) =>
        signal === 'SIGKILL'
          ? resolve()
          : reject(new Error(`worker exited without being killed (${signal})`)),
      );
    });
  }

  it('loses nothing and leaves nothing half-applied, whenever the process dies', async () => {
    const path = join(dir, 'crash.sqlite');
    // Twelve kills: with each change split over two transactions instead of one, this fails.
    for (const afterMs of [50, 61, 73, 89, 97, 120, 131, 151, 173, 200, 233, 310])
      await runAndKill(path, afterMs);

    const raw = new Database(path);
    expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
    raw.close();
    const store = LibraryStore.open(path);
    const trail = store.history(GUILD, { limit: 1_000_000 }).reverse();
    expect(trail.length).toBeGreaterThan(20); // the worker did get work done between kills

    // Replaying the audit trail gives exactly the state stored: every change has its entry and
    // every entry its change.
    const archived = new Map<string, boolean>();
    const hidden = new Set<string>();
    for (const entry of trail) {
      const id = entry.articleId ?? '';
      if (entry.action === 'add') archived.set(id, false);
      if (entry.action === 'remove') archived.set(id, true);
      if (entry.action === 'restore') archived.set(id, false);
      if (entry.action === 'hide') hidden.add(id);
      if (entry.action === 'unhide') hidden.delete(id);
    }
    const ids = (which: 'active' | 'archived') =>
      store
        .articles(GUILD, which)
        .map((entry) => entry.articleId)
        .sort();
    expect(ids('active')).toEqual(
      [...archived]
        .filter(([, gone]) => !gone)
        .map(([id]) => id)
        .sort(),
    );
    expect(ids('archived')).toEqual(
      [...archived]
        .filter(([, gone]) => gone)
        .map(([id]) => id)
        .sort(),
    );
    expect([...store.hidden(GUILD)].sort()).toEqual([...hidden].sort());
    store.close();
  }, 60_000);
});

describe('several processes opening a new database at once', () => {
  it('all open it, and the schema is built once', async () => {
    const worker = fileURLToPath(new URL('./openWorker.ts', import.meta.url));
    const dir = await mkdtemp(join(tmpdir(), 'excerpt-open-'));
    try {
      for (let round = 0; round < 3; round++) {
        const path = join(dir, `round-${round}.sqlite`);
        const at = String(Date.now() + 1500);
        const outputs = await Promise.all(
          Array.from({ length: 4 }, async () => {
            const child = spawn(process.execPath, ['--import', 'tsx', worker, path, at]);
            let out = '';
            child.stdout.on('data', (chunk: Buffer) => {
              out += chunk.toString();
            });
            await new Promise((resolve) => child.once('exit', resolve));
            return out.trim();
          }),
        );
        expect(outputs).toEqual(['opened', 'opened', 'opened', 'opened']);
        const store = LibraryStore.open(path);
        expect(store.history('100000000000000001')).toEqual([]);
        store.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 30_000);
});

describe('a cooldown shared by the processes serving one bot', () => {
  it('counts a user’s uses through any connection to the store, and frees them after the window', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'excerpt-cooldown-'));
    let now = 1_000_000;
    const path = join(dir, 'excerpt.sqlite');
    // Two connections stand for two worker processes.
    const [first, second] = [
      LibraryStore.open(path, { now: () => now }),
      LibraryStore.open(path, { now: () => now }),
    ];
    try {
      const one = new SharedCooldown(first, 2, 30_000);
      const other = new SharedCooldown(second, 2, 30_000);
      expect(one.take('ask:300000000000000001')).toBe(0);
      now += 1000;
      expect(other.take('ask:300000000000000001')).toBe(0);
      now += 1000;
      // The third use, through either process, waits until the first leaves the window.
      expect(one.take('ask:300000000000000001')).toBe(28_000);
      expect(other.take('ask:300000000000000001')).toBe(28_000);
      // Another command and another user have their own allowance.
      expect(other.take('quote:300000000000000001')).toBe(0);
      expect(one.take('ask:300000000000000002')).toBe(0);
      now += 28_000;
      expect(other.take('ask:300000000000000001')).toBe(0);
    } finally {
      first.close();
      second.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('claims on an interaction that two processes received', () => {
  it('gives each interaction to the first process that claims it, once', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'excerpt-claims-'));
    const path = join(dir, 'excerpt.sqlite');
    // Two connections stand for the old and the new process of one shard during a handover.
    const [old, fresh] = [LibraryStore.open(path), LibraryStore.open(path)];
    try {
      const ids = Array.from({ length: 50 }, (_, i) => `4000000000000000${String(i).padStart(2, '0')}`);
      const winners = ids.map((id, i) => {
        const [first, second] = i % 2 === 0 ? [old, fresh] : [fresh, old];
        return [first.claimInteraction(id), second.claimInteraction(id)];
      });
      expect(winners.every(([first, second]) => first === true && second === false)).toBe(true);
      expect(old.claimInteraction(ids[0] ?? '')).toBe(false);
    } finally {
      old.close();
      fresh.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
