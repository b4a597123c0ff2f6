import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { POSTGRES_MIGRATIONS } from './postgresMigrations.js';
import {
  bumpLibraryVersion,
  newerSchemaError,
  type SqlDatabase,
  type SqlTransaction,
  type SqlValue,
} from './sql.js';

/** Where changes to server libraries are announced to every process (LISTEN/NOTIFY). */
const CHANNEL = 'excerpt_library';
/** Where changes to the shared library (the corpus folder) are announced. */
const SHARED_CHANNEL = 'excerpt_shared';
/** Held while migrating, so that processes starting together migrate once. */
const MIGRATION_LOCK = 7_315_001;
const RECONNECT_MS = [250, 1000, 2000, 5000] as const;
/** Connections in each process's pool: most answers need none, and a change holds one briefly. */
const POOL_SIZE = 5;

export interface PostgresOptions {
  /** Told when the connection that hears other processes' changes drops, and when it is back. */
  readonly onProblem?: (error: Error, message: string) => void;
  readonly onRecovered?: (message: string) => void;
}

// BIGINT (int8) comes back as a number: the store's are times in ms and ids, far below 2^53.
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.INT8
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format ?? 'text')) as typeof pg.types.getTypeParser,
};

/**
 * The store for several machines: a PostgreSQL database. A change to a server's library is announced
 * with NOTIFY in its own transaction, so it is heard only once it is committed; every process keeps
 * the latest version of each server's library from those announcements, and reads them all again
 * when its listening connection comes back after a drop (it may have missed some).
 */
export class PostgresDatabase implements SqlDatabase {
  private readonly versions = new Map<string, number>();
  private readonly sharedListeners: (() => void)[] = [];
  /** Marks this process's own announcements, which it does not need to hear. */
  private readonly instance = randomUUID();
  private listener: pg.Client | undefined;
  private closed = false;
  private reconnects = 0;

  private constructor(
    private readonly pool: pg.Pool,
    private readonly url: string,
    private readonly options: PostgresOptions,
  ) {}

  static async connect(url: string, options: PostgresOptions = {}): Promise<PostgresDatabase> {
    const pool = new pg.Pool({
      connectionString: url,
      max: POOL_SIZE,
      types,
      application_name: 'excerpt',
    });
    // An idle connection that breaks (the server restarted) must not crash the process.
    pool.on('error', (error) => options.onProblem?.(error, 'store: an idle database connection failed'));
    const database = new PostgresDatabase(pool, url, options);
    try {
      await database.migrate();
      await database.listen();
    } catch (error) {
      await database.close();
      throw error;
    }
    return database;
  }

  async write<T>(
    work: (tx: SqlTransaction) => Promise<T>,
    options: { lock?: string; changed?: string } = {},
  ): Promise<T> {
    let version = 0;
    const result = await this.transaction('BEGIN', async (tx) => {
      if (options.lock !== undefined)
        await tx.run('SELECT pg_advisory_xact_lock(hashtextextended(?, 0))', [options.lock]);
      if (options.changed === undefined) return work(tx);
      version = await bumpLibraryVersion(tx, options.changed);
      const result = await work(tx);
      await tx.run('SELECT pg_notify(?, ?)', [CHANNEL, `${options.changed} ${version}`]);
      return result;
    });
    // This process serves its own change at once, without waiting to hear it.
    if (options.changed !== undefined) this.learn(options.changed, version);
    return result;
  }

  read<T>(work: (tx: SqlTransaction) => Promise<T>): Promise<T> {
    return this.transaction('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY', work);
  }

  libraryVersion(guildId: string): number {
    return this.versions.get(guildId) ?? 0;
  }

  async takeCooldown(key: string, now: number, uses: number, windowMs: number): Promise<number> {
    const { rows } = await this.pool.query<{ wait: number }>(
      'SELECT excerpt_take_cooldown($1, $2, $3, $4) AS wait',
      [key, now, uses, windowMs],
    );
    return rows[0]?.wait ?? 0;
  }

  async claimInteraction(interactionId: string, now: number, lifetimeMs: number): Promise<boolean> {
    const { rows } = await this.pool.query<{ claimed: boolean }>(
      'SELECT excerpt_claim_interaction($1, $2, $3) AS claimed',
      [interactionId, now, lifetimeMs],
    );
    return rows[0]?.claimed === true;
  }

  async announceSharedChange(): Promise<void> {
    await this.pool.query('SELECT pg_notify($1, $2)', [SHARED_CHANNEL, this.instance]);
  }

  onSharedChange(listener: () => void): void {
    this.sharedListeners.push(listener);
  }

  async close(): Promise<void> {
    this.closed = true;
    const listener = this.listener;
    this.listener = undefined;
    await listener?.end().catch(() => undefined);
    await this.pool.end();
  }

  private transaction<T>(begin: string, work: (tx: SqlTransaction) => Promise<T>): Promise<T> {
    return this.withClient(async (client) => {
      try {
        await client.query(begin);
        const result = await work(transactionOn(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
    });
  }

  /**
   * One connection of the pool for `use`. A connection that breaks while it is taken (the server
   * restarted, or ended it) emits 'error' besides failing its query; pg-pool listens only while a
   * connection is idle, so without this the error would end the process. A broken one is discarded.
   */
  private async withClient<T>(use: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    const onError = (error: Error) => {
      broken = error;
    };
    client.on('error', onError);
    try {
      return await use(client);
    } finally {
      client.removeListener('error', onError);
      client.release(broken);
    }
  }

  private migrate(): Promise<void> {
    return this.withClient(async (client) => {
      try {
        await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
        await client.query('CREATE TABLE IF NOT EXISTS excerpt_schema (version INTEGER NOT NULL)');
        const row = (await client.query<{ version: number }>('SELECT version FROM excerpt_schema')).rows[0];
        if (!row) await client.query('INSERT INTO excerpt_schema (version) VALUES (0)');
        const version = row?.version ?? 0;
        if (version > POSTGRES_MIGRATIONS.length) throw newerSchemaError(version, POSTGRES_MIGRATIONS.length);
        for (let step = version; step < POSTGRES_MIGRATIONS.length; step++) {
          await client.query('BEGIN');
          try {
            await client.query(POSTGRES_MIGRATIONS[step] ?? '');
            await client.query('UPDATE excerpt_schema SET version = $1', [step + 1]);
            await client.query('COMMIT');
          } catch (error) {
            await client.query('ROLLBACK');
            throw error;
          }
        }
      } finally {
        await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
      }
    });
  }

  /** Starts hearing other processes' changes, then reads every version (nothing heard is lost between). */
  private async listen(): Promise<void> {
    // Named, so that an operator sees which connection listens (pg_stat_activity).
    const client = new pg.Client({ connectionString: this.url, types, application_name: 'excerpt-listener' });
    client.on('notification', (message) => {
      if (message.channel === SHARED_CHANNEL) {
        if (message.payload !== this.instance) for (const listener of this.sharedListeners) listener();
        return;
      }
      const [guildId, version] = (message.payload ?? '').split(' ');
      if (guildId && version) this.learn(guildId, Number(version));
    });
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client, new Error('connection ended')));
    let rows: { guild_id: string; library_version: number }[];
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
      await client.query(`LISTEN ${SHARED_CHANNEL}`);
      ({ rows } = await client.query('SELECT guild_id, library_version FROM guilds'));
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    this.versions.clear();
    for (const row of rows) this.versions.set(row.guild_id, row.library_version);
    this.listener = client;
  }

  private learn(guildId: string, version: number): void {
    if (version > (this.versions.get(guildId) ?? 0)) this.versions.set(guildId, version);
  }

  /** The listening connection dropped: connect again, and until then serve what is known. */
  private lost(client: pg.Client, error: Error): void {
    if (this.closed || this.listener !== client) return;
    this.listener = undefined;
    client.end().catch(() => undefined);
    this.options.onProblem?.(error, 'store: stopped hearing other processes’ library changes; reconnecting');
    const retry = (): void => {
      if (this.closed) return;
      this.listen().then(
        () => {
          this.reconnects = 0;
          this.options.onRecovered?.('store: hearing other processes’ library changes again');
          // A change to the shared library may have been announced meanwhile: look again.
          for (const listener of this.sharedListeners) listener();
        },
        () => {
          const wait = RECONNECT_MS[Math.min(this.reconnects++, RECONNECT_MS.length - 1)];
          setTimeout(retry, wait).unref();
        },
      );
    };
    setTimeout(retry, RECONNECT_MS[0]).unref();
  }
}

/** Statements on one connection; `?` placeholders become PostgreSQL's `$1, $2…`. */
function transactionOn(client: pg.PoolClient): SqlTransaction {
  return {
    all: async <Row>(sql: string, params: readonly SqlValue[] = []) =>
      (await client.query(numbered(sql), [...params])).rows as Row[],
    get: async <Row>(sql: string, params: readonly SqlValue[] = []) =>
      (await client.query(numbered(sql), [...params])).rows[0] as Row | undefined,
    run: async (sql: string, params: readonly SqlValue[] = []) =>
      (await client.query(numbered(sql), [...params])).rowCount ?? 0,
  };
}

const numberedCache = new Map<string, string>();

function numbered(sql: string): string {
  let result = numberedCache.get(sql);
  if (result === undefined) {
    let n = 0;
    result = sql.replace(/\?/g, () => `$${++n}`);
    numberedCache.set(sql, result);
  }
  return result;
}
