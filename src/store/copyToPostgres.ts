import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import pg from 'pg';
import { LibraryStore } from './libraryStore.js';

/** The tables copied, in an order that their rows can be inserted in; cooldowns and claims are not kept. */
const TABLES = [
  {
    name: 'guilds',
    columns: ['guild_id', 'moderator_role_ids', 'log_channel_id', 'left_at', 'library_version'],
  },
  {
    name: 'server_articles',
    columns: [
      'guild_id',
      'article_id',
      'title',
      'url',
      'canonical_url',
      'body_hash',
      'markdown',
      'added_at',
      'added_by',
      'archived_at',
    ],
  },
  { name: 'hidden_articles', columns: ['guild_id', 'article_id', 'hidden_at', 'hidden_by'] },
  {
    name: 'audit',
    columns: [
      'id',
      'guild_id',
      'library',
      'user_id',
      'action',
      'article_id',
      'title',
      'detail',
      'at',
      'status',
    ],
  },
] as const;

export interface CopyReport {
  readonly rows: Readonly<Record<string, number>>;
}

/**
 * Copies a bot's SQLite store (its server libraries, settings, hidden lists and audit trail) into an
 * empty PostgreSQL store, in one transaction: a deployment moving to several machines keeps every
 * server's library. Refuses a PostgreSQL store that already has any of them.
 */
export async function copyToPostgres(sqlitePath: string, postgresUrl: string): Promise<CopyReport> {
  if (!existsSync(sqlitePath))
    throw new Error(`No database at ${sqlitePath}: set --data to the bot's data folder.`);
  // Both brought up to date by the store itself first: the same tables on both sides.
  await (await LibraryStore.open(sqlitePath)).close();
  await (await LibraryStore.open({ postgresUrl })).close();
  const source = new Database(sqlitePath, { readonly: true });
  const target = new pg.Client({ connectionString: postgresUrl });
  await target.connect();
  try {
    await target.query('BEGIN');
    for (const { name } of TABLES) {
      const { rows } = await target.query<{ n: string }>(`SELECT count(*) AS n FROM ${name}`);
      if (Number(rows[0]?.n) > 0)
        throw new Error(`The PostgreSQL store is not empty (${name} has rows): nothing was copied.`);
    }
    const counts: Record<string, number> = {};
    for (const { name, columns } of TABLES) {
      const rows = source
        .prepare(`SELECT ${columns.join(', ')} FROM ${name}`)
        .raw()
        .all() as unknown[][];
      const placeholders = columns.map((_, i) => `$${i + 1}`).join(', ');
      // The audit trail keeps its ids (its order); its id sequence then continues after them.
      const insert = `INSERT INTO ${name} (${columns.join(', ')}) ${name === 'audit' ? 'OVERRIDING SYSTEM VALUE ' : ''}VALUES (${placeholders})`;
      for (const row of rows) await target.query(insert, row);
      counts[name] = rows.length;
    }
    await target.query(
      "SELECT setval(pg_get_serial_sequence('audit', 'id'), coalesce((SELECT max(id) FROM audit), 0) + 1, false)",
    );
    const counter = source
      .prepare("SELECT value FROM store_counters WHERE name = 'library_change'")
      .pluck()
      .get();
    await target.query("UPDATE store_counters SET value = $1 WHERE name = 'library_change'", [counter ?? 0]);
    await target.query('COMMIT');
    return { rows: counts };
  } catch (error) {
    await target.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    source.close();
    await target.end();
  }
}
