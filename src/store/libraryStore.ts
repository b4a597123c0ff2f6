import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { PostgresOptions } from './postgresDatabase.js';
import { ensureGuild, type SqlDatabase, type SqlTransaction } from './sql.js';

/** The database's file name inside the data folder (DATA_DIR). */
export const DATABASE_FILE = 'excerpt.sqlite';

/** How long an interaction can be answered (its token's life), and so how long its claim matters. */
const CLAIM_LIFETIME_MS = 15 * 60 * 1000;

/** Who made a change: a Discord user id, or `cli` for the command line. */
export interface Actor {
  readonly userId: string;
}

export interface GuildSettings {
  /** Roles whose members may manage this server's library, besides those with Manage Server. */
  readonly moderatorRoleIds: readonly string[];
  /** Where changes to the library are posted; none when null. */
  readonly logChannelId: string | null;
}

/** An article of one server's own library, as stored. */
export interface StoredArticle {
  readonly guildId: string;
  readonly articleId: string;
  readonly title: string;
  readonly url: string;
  readonly markdown: string;
  readonly addedAt: number;
  readonly addedBy: string;
  readonly archivedAt: number | null;
}

export interface NewArticle {
  readonly articleId: string;
  readonly title: string;
  readonly url: string;
  readonly canonicalUrl: string;
  readonly bodyHash: string;
  readonly markdown: string;
}

export type AuditAction =
  | 'add'
  | 'remove'
  | 'restore'
  | 'update'
  | 'hide'
  | 'unhide'
  | 'refresh'
  | 'moderator-role'
  | 'log-channel';

/** One recorded change: who, what, when, where, and what it changed. */
export interface AuditEntry {
  readonly id: number;
  readonly guildId: string;
  readonly library: 'server' | 'shared';
  readonly userId: string;
  readonly action: AuditAction;
  readonly articleId: string | null;
  readonly title: string | null;
  /** The diff: e.g. `{ added: [...], removed: [...] }` for a refresh, `{ paragraphs }` for an add. */
  readonly detail: Readonly<Record<string, unknown>>;
  readonly at: number;
  /**
   * `applied` for every change made in the database (it and its entry are one transaction). A change
   * to the shared folder is `started` until it is `applied`, `rejected` (problems in the files) or
   * `failed`; `interrupted` when the process stopped before it could say.
   */
  readonly status: AuditStatus;
}

export type AuditStatus = 'started' | 'applied' | 'rejected' | 'failed' | 'interrupted';

export type NewAuditEntry = Omit<AuditEntry, 'id' | 'at' | 'articleId' | 'title' | 'detail' | 'status'> &
  Partial<Pick<AuditEntry, 'articleId' | 'title' | 'detail' | 'status'>>;

/** Why a change was refused: the caller tells the moderator. */
export class StoreError extends Error {
  constructor(
    readonly reason: 'duplicate-url' | 'duplicate-text' | 'taken-id' | 'not-found' | 'no-change',
    message: string,
  ) {
    super(message);
    this.name = 'StoreError';
  }
}

interface ArticleRow {
  guild_id: string;
  article_id: string;
  title: string;
  url: string;
  markdown: string;
  added_at: number;
  added_by: string;
  archived_at: number | null;
}

interface AuditRow {
  id: number;
  guild_id: string;
  library: 'server' | 'shared';
  user_id: string;
  action: AuditAction;
  article_id: string | null;
  title: string | null;
  /** Text in SQLite, already parsed from PostgreSQL's jsonb. */
  detail: string | Record<string, unknown>;
  at: number;
  status: AuditStatus;
}

const toArticle = (row: ArticleRow): StoredArticle => ({
  guildId: row.guild_id,
  articleId: row.article_id,
  title: row.title,
  url: row.url,
  markdown: row.markdown,
  addedAt: row.added_at,
  addedBy: row.added_by,
  archivedAt: row.archived_at,
});

const toAudit = (row: AuditRow): AuditEntry => ({
  id: row.id,
  guildId: row.guild_id,
  library: row.library,
  userId: row.user_id,
  action: row.action,
  articleId: row.article_id,
  title: row.title,
  detail: typeof row.detail === 'string' ? (JSON.parse(row.detail) as Record<string, unknown>) : row.detail,
  at: row.at,
  status: row.status,
});

/** Where the store lives: a SQLite file on this machine, or a PostgreSQL database shared by machines. */
export type StoreLocation = { readonly sqlitePath: string } | { readonly postgresUrl: string };

/**
 * The bot's state that is not the shared corpus folder: per-server settings, server libraries, hidden
 * shared articles, the audit trail, cooldowns and interaction claims. Every change is one transaction
 * together with its audit entry, so a crash at any point leaves either the whole change or none of
 * it. Handlers never see SQL; the same statements run on SQLite and PostgreSQL (see sql.ts).
 */
export class LibraryStore {
  private constructor(
    private readonly db: SqlDatabase,
    private readonly now: () => number,
  ) {}

  /** Opens the store, creating its database's schema if needed. */
  static async open(
    location: StoreLocation | string,
    options: { now?: () => number } & PostgresOptions = {},
  ): Promise<LibraryStore> {
    const where = typeof location === 'string' ? { sqlitePath: location } : location;
    // Each backend's driver is loaded only when used: a PostgreSQL deployment never loads SQLite's.
    const db =
      'postgresUrl' in where
        ? await (await import('./postgresDatabase.js')).PostgresDatabase.connect(where.postgresUrl, options)
        : (await import('./sqliteDatabase.js')).openSqlite(where.sqlitePath);
    return new LibraryStore(db, options.now ?? Date.now);
  }

  /**
   * The bot's store for the command line: its PostgreSQL database, or the SQLite file in its data
   * folder, which must exist (a mistyped folder would otherwise look like a server without articles).
   */
  static openExisting(where: { dataDir: string; postgresUrl?: string | undefined }): Promise<LibraryStore> {
    if (where.postgresUrl) return LibraryStore.open({ postgresUrl: where.postgresUrl });
    const path = join(where.dataDir, DATABASE_FILE);
    if (!existsSync(path))
      throw new Error(
        `No database at ${path}: set --data (or DATA_DIR) to the bot's data folder, or DATABASE_URL to its PostgreSQL database.`,
      );
    return LibraryStore.open(path);
  }

  close(): Promise<void> {
    return this.db.close();
  }

  /**
   * The version of a server's library (its articles and hidden list): it changes whenever any process
   * changes them. Cheap and synchronous, for a check before every answer.
   */
  libraryVersion(guildId: string): number {
    return this.db.libraryVersion(guildId);
  }

  /** Tells the bot's other processes that the shared library changed (see SqlDatabase). */
  announceSharedChange(): Promise<void> {
    return this.db.announceSharedChange();
  }

  /** Calls `listener` when another process announces a change to the shared library. */
  onSharedChange(listener: () => void): void {
    this.db.onSharedChange(listener);
  }

  // --- settings -----------------------------------------------------------------------------------

  settings(guildId: string): Promise<GuildSettings> {
    return this.db.read((tx) => settingsIn(tx, guildId));
  }

  /** Adds or removes a moderator role; returns the roles now set. */
  setModeratorRole(guildId: string, roleId: string, on: boolean, actor: Actor): Promise<readonly string[]> {
    return this.db.write(
      async (tx) => {
        const roles = new Set((await settingsIn(tx, guildId)).moderatorRoleIds);
        if (roles.has(roleId) === on)
          throw new StoreError(
            'no-change',
            on ? 'That role is already a moderator role.' : 'That role is not a moderator role.',
          );
        if (on) roles.add(roleId);
        else roles.delete(roleId);
        const list = [...roles].sort();
        await ensureGuild(tx, guildId);
        await tx.run('UPDATE guilds SET moderator_role_ids = ? WHERE guild_id = ?', [
          JSON.stringify(list),
          guildId,
        ]);
        await this.audit(tx, {
          guildId,
          library: 'server',
          userId: actor.userId,
          action: 'moderator-role',
          detail: on ? { added: roleId } : { removed: roleId },
        });
        return list;
      },
      { lock: `guild:${guildId}` },
    );
  }

  setLogChannel(guildId: string, channelId: string | null, actor: Actor): Promise<void> {
    return this.db.write(
      async (tx) => {
        const before = (await settingsIn(tx, guildId)).logChannelId;
        await ensureGuild(tx, guildId);
        await tx.run('UPDATE guilds SET log_channel_id = ? WHERE guild_id = ?', [channelId, guildId]);
        await this.audit(tx, {
          guildId,
          library: 'server',
          userId: actor.userId,
          action: 'log-channel',
          detail: { before, after: channelId },
        });
      },
      { lock: `guild:${guildId}` },
    );
  }

  // --- server libraries ---------------------------------------------------------------------------

  /** The server's own articles (or its archived ones), by id (which starts with the date). */
  articles(guildId: string, which: 'active' | 'archived' = 'active'): Promise<StoredArticle[]> {
    return this.db.read((tx) => articlesIn(tx, guildId, which));
  }

  /** What a server's library is built from, read at one moment: its active articles and hidden list. */
  library(guildId: string): Promise<{ articles: StoredArticle[]; hidden: Set<string> }> {
    return this.db.read(async (tx) => ({
      articles: await articlesIn(tx, guildId, 'active'),
      hidden: await hiddenIn(tx, guildId),
    }));
  }

  article(guildId: string, articleId: string): Promise<StoredArticle | undefined> {
    return this.db.read((tx) => articleIn(tx, guildId, articleId));
  }

  /** Every server with articles of its own (active or archived). */
  guildsWithArticles(): Promise<string[]> {
    return this.db.read(async (tx) =>
      (
        await tx.all<{ guild_id: string }>('SELECT DISTINCT guild_id FROM server_articles ORDER BY guild_id')
      ).map((row) => row.guild_id),
    );
  }

  /** Stores a new article; refuses a second copy of the same address or text (also across processes). */
  addArticle(
    guildId: string,
    article: NewArticle,
    actor: Actor,
    detail: Record<string, unknown> = {},
  ): Promise<StoredArticle> {
    return this.libraryChange(guildId, async (tx) => {
      const same = await tx.get<ArticleRow>(
        'SELECT * FROM server_articles WHERE guild_id = ? AND (canonical_url = ? OR body_hash = ?) LIMIT 1',
        [guildId, article.canonicalUrl, article.bodyHash],
      );
      if (same) {
        const where = same.archived_at === null ? 'already has' : 'has in its archive';
        throw new StoreError(
          same.url === article.url ? 'duplicate-url' : 'duplicate-text',
          `This server's library ${where} this article, as ${same.article_id}${same.archived_at === null ? '' : ` (restore it with /library restore)`}.`,
        );
      }
      if (await articleIn(tx, guildId, article.articleId))
        throw new StoreError('taken-id', `An article called ${article.articleId} exists already.`);
      await tx.run(
        `INSERT INTO server_articles
           (guild_id, article_id, title, url, canonical_url, body_hash, markdown, added_at, added_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          guildId,
          article.articleId,
          article.title,
          article.url,
          article.canonicalUrl,
          article.bodyHash,
          article.markdown,
          this.now(),
          actor.userId,
        ],
      );
      await this.audit(tx, {
        guildId,
        library: 'server',
        userId: actor.userId,
        action: 'add',
        articleId: article.articleId,
        title: article.title,
        detail: { url: article.url, ...detail },
      });
      return (await articleIn(tx, guildId, article.articleId)) as StoredArticle;
    });
  }

  /** Replaces an article's text (a refresh found the page changed). */
  updateArticle(
    guildId: string,
    articleId: string,
    next: Pick<NewArticle, 'title' | 'markdown' | 'bodyHash'>,
    actor: Actor,
    detail: Record<string, unknown>,
  ): Promise<void> {
    return this.libraryChange(guildId, async (tx) => {
      const changed = await tx.run(
        'UPDATE server_articles SET title = ?, markdown = ?, body_hash = ? WHERE guild_id = ? AND article_id = ?',
        [next.title, next.markdown, next.bodyHash, guildId, articleId],
      );
      if (changed === 0)
        throw new StoreError('not-found', `No article ${articleId} in this server's library.`);
      await this.audit(tx, {
        guildId,
        library: 'server',
        userId: actor.userId,
        action: 'update',
        articleId,
        title: next.title,
        detail,
      });
    });
  }

  /** Moves an article to the server's archive: nothing is deleted, restore brings it back. */
  archiveArticle(guildId: string, articleId: string, actor: Actor): Promise<StoredArticle> {
    return this.setArchived(guildId, articleId, true, actor);
  }

  restoreArticle(guildId: string, articleId: string, actor: Actor): Promise<StoredArticle> {
    return this.setArchived(guildId, articleId, false, actor);
  }

  private setArchived(
    guildId: string,
    articleId: string,
    archive: boolean,
    actor: Actor,
  ): Promise<StoredArticle> {
    return this.libraryChange(guildId, async (tx) => {
      const article = await articleIn(tx, guildId, articleId);
      if (!article || (article.archivedAt !== null) === archive) {
        throw new StoreError(
          'not-found',
          archive
            ? `No article ${articleId} in this server's library.`
            : `No article ${articleId} in this server's archive.`,
        );
      }
      await tx.run('UPDATE server_articles SET archived_at = ? WHERE guild_id = ? AND article_id = ?', [
        archive ? this.now() : null,
        guildId,
        articleId,
      ]);
      await this.audit(tx, {
        guildId,
        library: 'server',
        userId: actor.userId,
        action: archive ? 'remove' : 'restore',
        articleId,
        title: article.title,
      });
      return (await articleIn(tx, guildId, articleId)) as StoredArticle;
    });
  }

  // --- hidden shared articles ---------------------------------------------------------------------

  hidden(guildId: string): Promise<Set<string>> {
    return this.db.read((tx) => hiddenIn(tx, guildId));
  }

  /** Hides a shared article from this server only. */
  hide(guildId: string, articleId: string, title: string, actor: Actor): Promise<void> {
    return this.libraryChange(guildId, async (tx) => {
      const changed = await tx.run(
        'INSERT INTO hidden_articles (guild_id, article_id, hidden_at, hidden_by) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
        [guildId, articleId, this.now(), actor.userId],
      );
      if (changed === 0) throw new StoreError('no-change', `“${title}” is already hidden here.`);
      await this.audit(tx, {
        guildId,
        library: 'server',
        userId: actor.userId,
        action: 'hide',
        articleId,
        title,
      });
    });
  }

  unhide(guildId: string, articleId: string, title: string, actor: Actor): Promise<void> {
    return this.libraryChange(guildId, async (tx) => {
      const changed = await tx.run('DELETE FROM hidden_articles WHERE guild_id = ? AND article_id = ?', [
        guildId,
        articleId,
      ]);
      if (changed === 0) throw new StoreError('no-change', `“${title}” is not hidden here.`);
      await this.audit(tx, {
        guildId,
        library: 'server',
        userId: actor.userId,
        action: 'unhide',
        articleId,
        title,
      });
    });
  }

  // --- audit trail --------------------------------------------------------------------------------

  /** Records a change made elsewhere (the shared corpus folder) in the trail. */
  async record(entry: NewAuditEntry): Promise<void> {
    await this.db.write((tx) => this.audit(tx, entry));
  }

  /** Records a change to the shared folder before it is made; {@link finish} says how it ended. */
  begin(entry: NewAuditEntry): Promise<number> {
    return this.db.write((tx) => this.audit(tx, { ...entry, status: 'started' }));
  }

  /** Says how a change begun with {@link begin} ended, even if it was taken for interrupted meanwhile. */
  async finish(
    id: number,
    status: Exclude<AuditStatus, 'started' | 'interrupted'>,
    detail: Record<string, unknown>,
  ): Promise<void> {
    await this.db.write((tx) =>
      tx.run(
        "UPDATE audit SET status = ?, detail = ? WHERE id = ? AND status IN ('started', 'interrupted')",
        [status, JSON.stringify(detail), id],
      ),
    );
  }

  /**
   * Changes still `started` that began more than `olderThanMs` ago were cut short when their process
   * stopped: marks them `interrupted` and returns them, so the operator can be told. One process
   * alone passes 0 at start-up; processes sharing the store pass more than a change can take.
   */
  interruptStarted(olderThanMs = 0): Promise<AuditEntry[]> {
    return this.db.write(async (tx) => {
      const before = this.now() - olderThanMs;
      const rows = await tx.all<AuditRow>(
        "SELECT * FROM audit WHERE status = 'started' AND at <= ? ORDER BY id",
        [before],
      );
      await tx.run("UPDATE audit SET status = 'interrupted' WHERE status = 'started' AND at <= ?", [before]);
      return rows.map((row) => toAudit({ ...row, status: 'interrupted' }));
    });
  }

  /** The latest changes made in this server, newest first; with `shared`, also shared-library changes. */
  history(guildId: string, options: { limit?: number; shared?: boolean } = {}): Promise<AuditEntry[]> {
    return this.db.read(async (tx) =>
      (
        await tx.all<AuditRow>(
          `SELECT * FROM audit WHERE guild_id = ? ${options.shared ? "OR library = 'shared'" : ''} ORDER BY id DESC LIMIT ?`,
          [guildId, options.limit ?? 10],
        )
      ).map(toAudit),
    );
  }

  // --- membership and retention -------------------------------------------------------------------

  /** The bot was removed from the server: its data is kept until the retention period passes. */
  async markLeft(guildId: string): Promise<void> {
    await this.db.write(async (tx) => {
      await ensureGuild(tx, guildId);
      // Already gone: the retention period keeps counting from the first time.
      await tx.run('UPDATE guilds SET left_at = coalesce(left_at, ?) WHERE guild_id = ?', [
        this.now(),
        guildId,
      ]);
    });
  }

  /** Servers with data whom the bot has not been seen leaving. */
  presentGuilds(): Promise<string[]> {
    return this.db.read(async (tx) =>
      (
        await tx.all<{ guild_id: string }>(
          'SELECT guild_id FROM guilds WHERE left_at IS NULL ORDER BY guild_id',
        )
      ).map((row) => row.guild_id),
    );
  }

  /** The bot is in the server (again): nothing is due for deletion. */
  async markPresent(guildId: string): Promise<void> {
    await this.db.write((tx) =>
      tx.run('UPDATE guilds SET left_at = NULL WHERE guild_id = ? AND left_at IS NOT NULL', [guildId]),
    );
  }

  /** Deletes everything kept for the server: its articles, settings, hidden list and audit trail. */
  purgeGuild(guildId: string): Promise<{ articles: number; auditEntries: number }> {
    return this.libraryChange(guildId, async (tx) => {
      const articles = await tx.run('DELETE FROM server_articles WHERE guild_id = ?', [guildId]);
      await tx.run('DELETE FROM hidden_articles WHERE guild_id = ?', [guildId]);
      const auditEntries = await tx.run("DELETE FROM audit WHERE guild_id = ? AND library = 'server'", [
        guildId,
      ]);
      await tx.run('DELETE FROM guilds WHERE guild_id = ?', [guildId]);
      return { articles, auditEntries };
    });
  }

  /** Purges the servers the bot left more than `retentionMs` ago; returns their ids. */
  async purgeLeftBefore(retentionMs: number): Promise<string[]> {
    const due = await this.db.read(async (tx) =>
      (
        await tx.all<{ guild_id: string }>(
          'SELECT guild_id FROM guilds WHERE left_at IS NOT NULL AND left_at < ?',
          [this.now() - retentionMs],
        )
      ).map((row) => row.guild_id),
    );
    for (const guildId of due) await this.purgeGuild(guildId);
    return due;
  }

  /**
   * Records a use of a rate-limited command by `key` (command and user) and returns 0 when at most
   * `uses` fall within `windowMs`, else the milliseconds until one may try again. Counted under a lock
   * on the key, so two processes counting the same user never both let a use past the limit.
   */
  takeCooldown(key: string, uses: number, windowMs: number): Promise<number> {
    return this.db.takeCooldown(key, this.now(), uses, windowMs);
  }

  /**
   * Claims an interaction for this process: true for the first claim of its id, false when another
   * process has it. Claims older than an interaction token's life (15 minutes) are forgotten.
   */
  claimInteraction(interactionId: string): Promise<boolean> {
    return this.db.claimInteraction(interactionId, this.now(), CLAIM_LIFETIME_MS);
  }

  // --- helpers ------------------------------------------------------------------------------------

  /**
   * A change to a server's library: one transaction, under the server's lock (two processes never
   * both pass a duplicate check), that gives the library a new version every process learns of.
   */
  private libraryChange<T>(guildId: string, work: (tx: SqlTransaction) => Promise<T>): Promise<T> {
    return this.db.write(work, { lock: `guild:${guildId}`, changed: guildId });
  }

  private async audit(tx: SqlTransaction, entry: NewAuditEntry): Promise<number> {
    const row = await tx.get<{ id: number }>(
      'INSERT INTO audit (guild_id, library, user_id, action, article_id, title, detail, at, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id',
      [
        entry.guildId,
        entry.library,
        entry.userId,
        entry.action,
        entry.articleId ?? null,
        entry.title ?? null,
        JSON.stringify(entry.detail ?? {}),
        this.now(),
        entry.status ?? 'applied',
      ],
    );
    return Number(row?.id);
  }
}

async function settingsIn(tx: SqlTransaction, guildId: string): Promise<GuildSettings> {
  const row = await tx.get<{ moderator_role_ids: string; log_channel_id: string | null }>(
    'SELECT moderator_role_ids, log_channel_id FROM guilds WHERE guild_id = ?',
    [guildId],
  );
  return {
    moderatorRoleIds: row ? (JSON.parse(row.moderator_role_ids) as string[]) : [],
    logChannelId: row?.log_channel_id ?? null,
  };
}

async function articlesIn(
  tx: SqlTransaction,
  guildId: string,
  which: 'active' | 'archived',
): Promise<StoredArticle[]> {
  const rows = await tx.all<ArticleRow>(
    `SELECT * FROM server_articles WHERE guild_id = ? AND archived_at IS ${which === 'active' ? '' : 'NOT'} NULL ORDER BY article_id`,
    [guildId],
  );
  return rows.map(toArticle);
}

async function articleIn(
  tx: SqlTransaction,
  guildId: string,
  articleId: string,
): Promise<StoredArticle | undefined> {
  const row = await tx.get<ArticleRow>(
    'SELECT * FROM server_articles WHERE guild_id = ? AND article_id = ?',
    [guildId, articleId],
  );
  return row ? toArticle(row) : undefined;
}

async function hiddenIn(tx: SqlTransaction, guildId: string): Promise<Set<string>> {
  const rows = await tx.all<{ article_id: string }>(
    'SELECT article_id FROM hidden_articles WHERE guild_id = ?',
    [guildId],
  );
  return new Set(rows.map((row) => row.article_id));
}
