/**
 * What the library store needs from a database, so that the same store runs on SQLite (one machine)
 * and PostgreSQL (several). Statements use `?` placeholders and SQL that both understand
 * (`ON CONFLICT DO NOTHING`, `RETURNING`).
 */
export type SqlValue = string | number | null;

/** Refusal to open a database that newer code has migrated further than this code knows. */
export function newerSchemaError(version: number, known: number): Error {
  return new Error(
    `store: the database is at schema version ${version}, newer than this code knows (${known}); update the bot`,
  );
}

/** Statements inside one transaction. */
export interface SqlTransaction {
  all<Row>(sql: string, params?: readonly SqlValue[]): Promise<Row[]>;
  get<Row>(sql: string, params?: readonly SqlValue[]): Promise<Row | undefined>;
  /** Runs a statement; returns how many rows it changed. */
  run(sql: string, params?: readonly SqlValue[]): Promise<number>;
}

export interface SqlDatabase {
  /**
   * Runs `work` as one write transaction. Two transactions with the same `lock` never overlap, in any
   * process, so a check and the write that depends on it cannot be split by another's. `changed`
   * names the server whose library (articles, hidden list) the transaction changes, so that other
   * processes learn of it (see {@link libraryVersion}).
   */
  write<T>(
    work: (tx: SqlTransaction) => Promise<T>,
    options?: { lock?: string; changed?: string },
  ): Promise<T>;
  /** Runs `work` on one consistent snapshot of the database. */
  read<T>(work: (tx: SqlTransaction) => Promise<T>): Promise<T>;
  /**
   * The version of a server's library, as this process last learnt it: it grows with every change to
   * the server's articles or hidden list, made by any process. Read on every question, so synchronous.
   */
  libraryVersion(guildId: string): number;
  /**
   * Tells every other process that the shared library (the corpus folder) changed, and hears it: on
   * several machines a shared folder's file events do not reach the others. On one machine (SQLite)
   * each process watches the folder instead, and these do nothing.
   */
  announceSharedChange(): Promise<void>;
  onSharedChange(listener: () => void): void;
  /**
   * The two writes made for every interaction, where several processes share the store: each is one
   * round trip and does not wait for the disk (a cooldown or a claim lost in a power cut costs nothing).
   * Records a use of `key` at `now` and returns 0 when at most `uses` fall within `windowMs`, else the
   * milliseconds until one may try again; under a lock on the key, in any process.
   */
  takeCooldown(key: string, now: number, uses: number, windowMs: number): Promise<number>;
  /** True for the first claim of an interaction's id; claims older than `lifetimeMs` are forgotten. */
  claimInteraction(interactionId: string, now: number, lifetimeMs: number): Promise<boolean>;
  close(): Promise<void>;
}

/** The server's settings row, made if it has none yet. */
export async function ensureGuild(tx: SqlTransaction, guildId: string): Promise<void> {
  await tx.run('INSERT INTO guilds (guild_id) VALUES (?) ON CONFLICT DO NOTHING', [guildId]);
}

/** Gives the server's library the next version (creating its row), inside the changing transaction. */
export async function bumpLibraryVersion(tx: SqlTransaction, guildId: string): Promise<number> {
  await ensureGuild(tx, guildId);
  const next = await tx.get<{ value: number }>(
    "UPDATE store_counters SET value = value + 1 WHERE name = 'library_change' RETURNING value",
  );
  await tx.run('UPDATE guilds SET library_version = ? WHERE guild_id = ?', [next?.value ?? 0, guildId]);
  return next?.value ?? 0;
}
