import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import {
  bumpLibraryVersion,
  newerSchemaError,
  type SqlDatabase,
  type SqlTransaction,
  type SqlValue,
} from './sql.js';
import { MIGRATIONS } from './sqliteMigrations.js';

type Db = Database.Database;

/**
 * Transactions of this process, one after another: a statement of one never runs inside another's
 * open transaction, and a second connection in this process (tests) never waits, blocking the only
 * thread, for a lock that the first could release only on that thread.
 */
let queue: Promise<unknown> = Promise.resolve();

/** How long a transaction waits for another process's before failing. */
const BUSY_TIMEOUT_MS = 5000;

/**
 * The store on one machine: a SQLite file that every process of the bot opens. BEGIN IMMEDIATE takes
 * the database's one write lock, so a write transaction never overlaps another's, in any process.
 */
export class SqliteDatabase implements SqlDatabase {
  private readonly statements = new Map<string, Database.Statement>();
  private readonly tx: SqlTransaction;
  private readonly versionStatement: Database.Statement;

  constructor(private readonly db: Db) {
    this.tx = {
      all: async <Row>(sql: string, params: readonly SqlValue[] = []) =>
        this.statement(sql).all(...params) as Row[],
      get: async <Row>(sql: string, params: readonly SqlValue[] = []) =>
        this.statement(sql).get(...params) as Row | undefined,
      run: async (sql: string, params: readonly SqlValue[] = []) => {
        const prepared = this.statement(sql);
        return prepared.reader ? prepared.all(...params).length : prepared.run(...params).changes;
      },
    };
    this.versionStatement = db.prepare('SELECT library_version FROM guilds WHERE guild_id = ?').pluck();
  }

  write<T>(
    work: (tx: SqlTransaction) => Promise<T>,
    options: { lock?: string; changed?: string } = {},
  ): Promise<T> {
    return this.inTurn('write', async () => {
      if (options.changed !== undefined) await bumpLibraryVersion(this.tx, options.changed);
      return work(this.tx);
    });
  }

  read<T>(work: (tx: SqlTransaction) => Promise<T>): Promise<T> {
    return this.inTurn('read', () => work(this.tx));
  }

  libraryVersion(guildId: string): number {
    return (this.versionStatement.get(guildId) as number | undefined) ?? 0;
  }

  takeCooldown(key: string, now: number, uses: number, windowMs: number): Promise<number> {
    return this.quick(() => {
      this.statement('DELETE FROM cooldown_uses WHERE key = ? AND at <= ?').run(key, now - windowMs);
      const times = this.statement('SELECT at FROM cooldown_uses WHERE key = ? ORDER BY at')
        .pluck()
        .all(key) as number[];
      if (times.length >= uses) return windowMs - (now - (times[0] ?? now));
      this.statement('INSERT INTO cooldown_uses (key, at) VALUES (?, ?)').run(key, now);
      // Now and then, forget everyone idle (keys never seen again would otherwise stay).
      if (Math.random() < 0.01) this.statement('DELETE FROM cooldown_uses WHERE at <= ?').run(now - windowMs);
      return 0;
    });
  }

  claimInteraction(interactionId: string, now: number, lifetimeMs: number): Promise<boolean> {
    return this.quick(() => {
      const claimed =
        this.statement(
          'INSERT INTO interaction_claims (interaction_id, at) VALUES (?, ?) ON CONFLICT DO NOTHING',
        ).run(interactionId, now).changes === 1;
      if (Math.random() < 0.01)
        this.statement('DELETE FROM interaction_claims WHERE at <= ?').run(now - lifetimeMs);
      return claimed;
    });
  }

  async announceSharedChange(): Promise<void> {}

  onSharedChange(): void {}

  async close(): Promise<void> {
    await queue.catch(() => undefined);
    this.db.close();
  }

  /**
   * A write transaction run at once, synchronously (so nothing of this process can come between), and
   * committed without waiting for the disk: WAL's synchronous=NORMAL, safe against a crash of the
   * process, may lose the last such commits in a power cut.
   */
  private quick<T>(work: () => T): Promise<T> {
    return this.inTurn('write', work, 'NORMAL');
  }

  private statement(sql: string): Database.Statement {
    let prepared = this.statements.get(sql);
    if (!prepared) {
      prepared = this.db.prepare(sql);
      this.statements.set(sql, prepared);
    }
    return prepared;
  }

  /**
   * Runs `work` in a transaction after every transaction this process started before it. Work that
   * is synchronous runs from BEGIN to COMMIT without yielding: the write lock, which the other
   * processes wait for, is never held while this process answers someone else.
   */
  private inTurn<T>(
    kind: 'read' | 'write',
    work: () => Promise<T> | T,
    synchronous: 'FULL' | 'NORMAL' = 'FULL',
  ): Promise<T> {
    const run = queue.then(async () => {
      if (synchronous !== 'FULL') this.db.pragma(`synchronous = ${synchronous}`);
      try {
        if (kind === 'read') this.db.exec('BEGIN');
        else if (!this.tryWriteLock()) await this.waitForWriteLock();
        try {
          const pending = work();
          const result = pending instanceof Promise ? await pending : pending;
          this.db.exec('COMMIT');
          return result;
        } catch (error) {
          if (this.db.inTransaction) this.db.exec('ROLLBACK');
          throw error;
        }
      } finally {
        if (synchronous !== 'FULL') this.db.pragma('synchronous = FULL');
      }
    });
    queue = run.catch(() => undefined);
    return run;
  }

  /** BEGIN IMMEDIATE if no other process holds the write lock now; false if one does. */
  private tryWriteLock(): boolean {
    this.db.pragma('busy_timeout = 0');
    try {
      this.db.exec('BEGIN IMMEDIATE');
      return true;
    } catch (error) {
      if ((error as { code?: string }).code !== 'SQLITE_BUSY') throw error;
      return false;
    } finally {
      this.db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    }
  }

  /**
   * Waits for another process's write lock without blocking this one: SQLite's own busy wait sleeps
   * on the only thread, stalling every interaction of this process behind it (two workers at 8
   * requests in flight: p99 468 ms with SQLite's wait, 67 ms with this one).
   */
  private async waitForWriteLock(): Promise<void> {
    const deadline = Date.now() + BUSY_TIMEOUT_MS;
    do {
      await new Promise((resolve) => setTimeout(resolve, 1));
      if (this.tryWriteLock()) return;
    } while (Date.now() <= deadline);
    throw Object.assign(new Error('store: another process held the database for over 5 s'), {
      code: 'SQLITE_BUSY',
    });
  }
}

/**
 * Opens (creating if needed) the SQLite database at `path` and brings its schema up to date. WAL lets
 * readers in other processes (the CLI, a second bot process) read while one writes; a writer waits
 * up to 5 s for another's transaction instead of failing at once.
 */
export function openSqlite(path: string): SqliteDatabase {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  // First, so that switching to WAL and migrating wait for another process doing the same.
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  switchToWal(db);
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  migrate(db);
  return new SqliteDatabase(db);
}

/**
 * Sets WAL mode, retrying while another process opening the same new file holds it. SQLite does not
 * call the busy handler here when waiting could deadlock (this connection already reads the file and
 * needs it alone), and fails at once with SQLITE_BUSY: seen about once in 160 opens of four processes
 * at the same moment on a loaded machine. Opening is synchronous, at start, so the wait may block.
 */
function switchToWal(db: Db): void {
  const deadline = Date.now() + BUSY_TIMEOUT_MS;
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (;;) {
    try {
      db.pragma('journal_mode = WAL');
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== 'SQLITE_BUSY' || Date.now() > deadline) throw error;
      Atomics.wait(pause, 0, 0, 5 + Math.random() * 20);
    }
  }
}

/** Runs the migrations this database has not had, each in its own transaction. */
export function migrate(db: Db): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > MIGRATIONS.length) throw newerSchemaError(version, MIGRATIONS.length);
  for (let step = version; step < MIGRATIONS.length; step++) {
    db.transaction(() => {
      // Read again under the write lock: two processes opening a new database at once (bot workers)
      // both saw the old version, and the second must not run a step the first has just run.
      if ((db.pragma('user_version', { simple: true }) as number) > step) return;
      db.exec(MIGRATIONS[step] ?? '');
      db.pragma(`user_version = ${step + 1}`);
    }).immediate();
  }
}
