import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATIONS } from './migrations.js';

export type Db = Database.Database;

/**
 * Opens (creating if needed) the SQLite database at `path` and brings its schema up to date. WAL lets
 * readers in other processes (the CLI, a second bot process) read while one writes; a writer waits
 * up to 5 s for another's transaction instead of failing at once.
 */
export function openDatabase(path: string): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  // First, so that switching to WAL and migrating wait for another process doing the same.
  db.pragma('busy_timeout = 5000');
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  migrate(db);
  return db;
}

/** Runs the migrations this database has not had, each in its own transaction. */
export function migrate(db: Db): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > MIGRATIONS.length) {
    throw new Error(
      `store: the database is at schema version ${version}, newer than this code knows (${MIGRATIONS.length}); update the bot`,
    );
  }
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
