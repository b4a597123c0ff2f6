import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { type Db, openDatabase } from './database.js';

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
  detail: string;
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
  detail: JSON.parse(row.detail) as Record<string, unknown>,
  at: row.at,
  status: row.status,
});

/**
 * The bot's state that is not the shared corpus folder: per-server settings, server libraries, hidden
 * shared articles and the audit trail. Every change is one SQLite transaction together with its audit
 * entry, so a crash at any point leaves either the whole change or none of it. Handlers never see SQL:
 * a server-grade database can take this module's place.
 */
export class LibraryStore {
  /** Read before every answer (see Libraries.view): compiled once. */
  private readonly dataVersionStatement: Database.Statement;

  private constructor(
    private readonly db: Db,
    private readonly now: () => number,
  ) {
    this.dataVersionStatement = db.prepare('PRAGMA data_version').pluck();
  }

  static open(path: string, options: { now?: () => number } = {}): LibraryStore {
    return new LibraryStore(openDatabase(path), options.now ?? Date.now);
  }

  /**
   * The bot's database in its data folder, for the command line: refuses to create one where there
   * is none (a mistyped folder would otherwise look like a server without articles).
   */
  static openExisting(dataDir: string): LibraryStore {
    const path = join(dataDir, DATABASE_FILE);
    if (!existsSync(path))
      throw new Error(`No database at ${path}: set --data (or DATA_DIR) to the bot's data folder.`);
    return LibraryStore.open(path);
  }

  close(): void {
    this.db.close();
  }

  /** Changes whenever another connection commits: a cheap way to notice another process's change. */
  dataVersion(): number {
    return this.dataVersionStatement.get() as number;
  }

  // --- settings -----------------------------------------------------------------------------------

  settings(guildId: string): GuildSettings {
    const row = this.db
      .prepare('SELECT moderator_role_ids, log_channel_id FROM guilds WHERE guild_id = ?')
      .get(guildId) as { moderator_role_ids: string; log_channel_id: string | null } | undefined;
    return {
      moderatorRoleIds: row ? (JSON.parse(row.moderator_role_ids) as string[]) : [],
      logChannelId: row?.log_channel_id ?? null,
    };
  }

  /** Adds or removes a moderator role; returns the roles now set. */
  setModeratorRole(guildId: string, roleId: string, on: boolean, actor: Actor): readonly string[] {
    return this.change(() => {
      const roles = new Set(this.settings(guildId).moderatorRoleIds);
      if (roles.has(roleId) === on)
        throw new StoreError(
          'no-change',
          on ? 'That role is already a moderator role.' : 'That role is not a moderator role.',
        );
      if (on) roles.add(roleId);
      else roles.delete(roleId);
      const list = [...roles].sort();
      this.ensureGuild(guildId);
      this.db
        .prepare('UPDATE guilds SET moderator_role_ids = ? WHERE guild_id = ?')
        .run(JSON.stringify(list), guildId);
      this.audit({
        guildId,
        library: 'server',
        userId: actor.userId,
        action: 'moderator-role',
        detail: on ? { added: roleId } : { removed: roleId },
      });
      return list;
    });
  }

  setLogChannel(guildId: string, channelId: string | null, actor: Actor): void {
    this.change(() => {
      const before = this.settings(guildId).logChannelId;
      this.ensureGuild(guildId);
      this.db.prepare('UPDATE guilds SET log_channel_id = ? WHERE guild_id = ?').run(channelId, guildId);
      this.audit({
        guildId,
        library: 'server',
        userId: actor.userId,
        action: 'log-channel',
        detail: { before, after: channelId },
      });
    });
  }

  // --- server libraries ---------------------------------------------------------------------------

  /** The server's own articles (or its archived ones), by id (which starts with the date). */
  articles(guildId: string, which: 'active' | 'archived' = 'active'): StoredArticle[] {
    const rows = this.db
      .prepare(
        `SELECT * FROM server_articles WHERE guild_id = ? AND archived_at IS ${which === 'active' ? '' : 'NOT'} NULL ORDER BY article_id`,
      )
      .all(guildId) as ArticleRow[];
    return rows.map(toArticle);
  }

  article(guildId: string, articleId: string): StoredArticle | undefined {
    const row = this.db
      .prepare('SELECT * FROM server_articles WHERE guild_id = ? AND article_id = ?')
      .get(guildId, articleId) as ArticleRow | undefined;
    return row ? toArticle(row) : undefined;
  }

  /** The server's article (active or archived) with this address or this text, if any. */
  sameArticle(guildId: string, canonicalUrl: string, bodyHash: string): StoredArticle | undefined {
    const row = this.db
      .prepare(
        'SELECT * FROM server_articles WHERE guild_id = ? AND (canonical_url = ? OR body_hash = ?) LIMIT 1',
      )
      .get(guildId, canonicalUrl, bodyHash) as ArticleRow | undefined;
    return row ? toArticle(row) : undefined;
  }

  /** Every server with articles of its own (active or archived). */
  guildsWithArticles(): string[] {
    return (
      this.db.prepare('SELECT DISTINCT guild_id FROM server_articles ORDER BY guild_id').all() as {
        guild_id: string;
      }[]
    ).map((row) => row.guild_id);
  }

  /** Stores a new article; refuses a second copy of the same address or text (also across processes). */
  addArticle(
    guildId: string,
    article: NewArticle,
    actor: Actor,
    detail: Record<string, unknown> = {},
  ): StoredArticle {
    return this.change(() => {
      const same = this.sameArticle(guildId, article.canonicalUrl, article.bodyHash);
      if (same) {
        const where = same.archivedAt === null ? 'already has' : 'has in its archive';
        throw new StoreError(
          same.url === article.url ? 'duplicate-url' : 'duplicate-text',
          `This server's library ${where} this article, as ${same.articleId}${same.archivedAt === null ? '' : ` (restore it with /library restore)`}.`,
        );
      }
      if (this.article(guildId, article.articleId))
        throw new StoreError('taken-id', `An article called ${article.articleId} exists already.`);
      this.ensureGuild(guildId);
      this.db
        .prepare(
          `INSERT INTO server_articles
             (guild_id, article_id, title, url, canonical_url, body_hash, markdown, added_at, added_by)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          guildId,
          article.articleId,
          article.title,
          article.url,
          article.canonicalUrl,
          article.bodyHash,
          article.markdown,
          this.now(),
          actor.userId,
        );
      this.audit({
        guildId,
        library: 'server',
        userId: actor.userId,
        action: 'add',
        articleId: article.articleId,
        title: article.title,
        detail: { url: article.url, ...detail },
      });
      return this.article(guildId, article.articleId) as StoredArticle;
    });
  }

  /** Replaces an article's text (a refresh found the page changed). */
  updateArticle(
    guildId: string,
    articleId: string,
    next: Pick<NewArticle, 'title' | 'markdown' | 'bodyHash'>,
    actor: Actor,
    detail: Record<string, unknown>,
  ): void {
    this.change(() => {
      const result = this.db
        .prepare(
          'UPDATE server_articles SET title = ?, markdown = ?, body_hash = ? WHERE guild_id = ? AND article_id = ?',
        )
        .run(next.title, next.markdown, next.bodyHash, guildId, articleId);
      if (result.changes === 0)
        throw new StoreError('not-found', `No article ${articleId} in this server's library.`);
      this.audit({
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
  archiveArticle(guildId: string, articleId: string, actor: Actor): StoredArticle {
    return this.setArchived(guildId, articleId, true, actor);
  }

  restoreArticle(guildId: string, articleId: string, actor: Actor): StoredArticle {
    return this.setArchived(guildId, articleId, false, actor);
  }

  private setArchived(guildId: string, articleId: string, archive: boolean, actor: Actor): StoredArticle {
    return this.change(() => {
      const article = this.article(guildId, articleId);
      if (!article || (article.archivedAt !== null) === archive) {
        throw new StoreError(
          'not-found',
          archive
            ? `No article ${articleId} in this server's library.`
            : `No article ${articleId} in this server's archive.`,
        );
      }
      this.db
        .prepare('UPDATE server_articles SET archived_at = ? WHERE guild_id = ? AND article_id = ?')
        .run(archive ? this.now() : null, guildId, articleId);
      this.audit({
        guildId,
        library: 'server',
        userId: actor.userId,
        action: archive ? 'remove' : 'restore',
        articleId,
        title: article.title,
      });
      return this.article(guildId, articleId) as StoredArticle;
    });
  }

  // --- hidden shared articles ---------------------------------------------------------------------

  hidden(guildId: string): Set<string> {
    const rows = this.db
      .prepare('SELECT article_id FROM hidden_articles WHERE guild_id = ?')
      .all(guildId) as {
      article_id: string;
    }[];
    return new Set(rows.map((row) => row.article_id));
  }

  /** Hides a shared article from this server only. */
  hide(guildId: string, articleId: string, title: string, actor: Actor): void {
    this.change(() => {
      const result = this.db
        .prepare(
          'INSERT OR IGNORE INTO hidden_articles (guild_id, article_id, hidden_at, hidden_by) VALUES (?, ?, ?, ?)',
        )
        .run(guildId, articleId, this.now(), actor.userId);
      if (result.changes === 0) throw new StoreError('no-change', `“${title}” is already hidden here.`);
      this.ensureGuild(guildId);
      this.audit({ guildId, library: 'server', userId: actor.userId, action: 'hide', articleId, title });
    });
  }

  unhide(guildId: string, articleId: string, title: string, actor: Actor): void {
    this.change(() => {
      const result = this.db
        .prepare('DELETE FROM hidden_articles WHERE guild_id = ? AND article_id = ?')
        .run(guildId, articleId);
      if (result.changes === 0) throw new StoreError('no-change', `“${title}” is not hidden here.`);
      this.audit({ guildId, library: 'server', userId: actor.userId, action: 'unhide', articleId, title });
    });
  }

  // --- audit trail --------------------------------------------------------------------------------

  /** Records a change made elsewhere (the shared corpus folder) in the trail. */
  record(entry: NewAuditEntry): void {
    this.change(() => this.audit(entry));
  }

  /** Records a change to the shared folder before it is made; {@link finish} says how it ended. */
  begin(entry: NewAuditEntry): number {
    return this.change(() => this.audit({ ...entry, status: 'started' }));
  }

  finish(
    id: number,
    status: Exclude<AuditStatus, 'started' | 'interrupted'>,
    detail: Record<string, unknown>,
  ): void {
    this.change(() => {
      this.db
        .prepare("UPDATE audit SET status = ?, detail = ? WHERE id = ? AND status = 'started'")
        .run(status, JSON.stringify(detail), id);
    });
  }

  /**
   * At start-up: changes still `started` were cut short when the process stopped (one bot process
   * per database). Returns them, now `interrupted`, so the operator can be told.
   */
  interruptStarted(): AuditEntry[] {
    return this.change(() => {
      const rows = this.db
        .prepare("SELECT * FROM audit WHERE status = 'started' ORDER BY id")
        .all() as AuditRow[];
      this.db.prepare("UPDATE audit SET status = 'interrupted' WHERE status = 'started'").run();
      return rows.map((row) => toAudit({ ...row, status: 'interrupted' }));
    });
  }

  /** The latest changes made in this server, newest first; with `shared`, also shared-library changes. */
  history(guildId: string, options: { limit?: number; shared?: boolean } = {}): AuditEntry[] {
    const rows = this.db
      .prepare(
        `SELECT * FROM audit WHERE guild_id = ? ${options.shared ? "OR library = 'shared'" : ''} ORDER BY id DESC LIMIT ?`,
      )
      .all(guildId, options.limit ?? 10) as AuditRow[];
    return rows.map(toAudit);
  }

  // --- membership and retention -------------------------------------------------------------------

  /** The bot was removed from the server: its data is kept until the retention period passes. */
  markLeft(guildId: string): void {
    this.change(() => {
      this.ensureGuild(guildId);
      // Already gone: the retention period keeps counting from the first time.
      this.db
        .prepare('UPDATE guilds SET left_at = coalesce(left_at, ?) WHERE guild_id = ?')
        .run(this.now(), guildId);
    });
  }

  /** Servers with data whom the bot has not been seen leaving. */
  presentGuilds(): string[] {
    return (
      this.db.prepare('SELECT guild_id FROM guilds WHERE left_at IS NULL ORDER BY guild_id').all() as {
        guild_id: string;
      }[]
    ).map((row) => row.guild_id);
  }

  /** The bot is in the server (again): nothing is due for deletion. */
  markPresent(guildId: string): void {
    this.db
      .prepare('UPDATE guilds SET left_at = NULL WHERE guild_id = ? AND left_at IS NOT NULL')
      .run(guildId);
  }

  /** Deletes everything kept for the server: its articles, settings, hidden list and audit trail. */
  purgeGuild(guildId: string): { articles: number; auditEntries: number } {
    return this.change(() => {
      const articles = this.db.prepare('DELETE FROM server_articles WHERE guild_id = ?').run(guildId).changes;
      this.db.prepare('DELETE FROM hidden_articles WHERE guild_id = ?').run(guildId);
      const auditEntries = this.db
        .prepare("DELETE FROM audit WHERE guild_id = ? AND library = 'server'")
        .run(guildId).changes;
      this.db.prepare('DELETE FROM guilds WHERE guild_id = ?').run(guildId);
      return { articles, auditEntries };
    });
  }

  /** Purges the servers the bot left more than `retentionMs` ago; returns their ids. */
  purgeLeftBefore(retentionMs: number): string[] {
    const due = (
      this.db
        .prepare('SELECT guild_id FROM guilds WHERE left_at IS NOT NULL AND left_at < ?')
        .all(this.now() - retentionMs) as { guild_id: string }[]
    ).map((row) => row.guild_id);
    for (const guildId of due) this.purgeGuild(guildId);
    return due;
  }

  /**
   * Records a use of a rate-limited command by `key` (command and user) and returns 0 when at most
   * `uses` fall within `windowMs`, else the milliseconds until one may try again; one transaction, so
   * two processes counting the same user never both let a use past the limit.
   */
  takeCooldown(key: string, uses: number, windowMs: number): number {
    return this.change(() => {
      const now = this.now();
      this.db.prepare('DELETE FROM cooldown_uses WHERE key = ? AND at <= ?').run(key, now - windowMs);
      const times = this.db
        .prepare('SELECT at FROM cooldown_uses WHERE key = ? ORDER BY at')
        .pluck()
        .all(key) as number[];
      if (times.length >= uses) return windowMs - (now - (times[0] ?? now));
      this.db.prepare('INSERT INTO cooldown_uses (key, at) VALUES (?, ?)').run(key, now);
      // Now and then, forget everyone idle (keys never seen again would otherwise stay).
      if (Math.random() < 0.01)
        this.db.prepare('DELETE FROM cooldown_uses WHERE at <= ?').run(now - windowMs);
      return 0;
    });
  }

  /**
   * Claims an interaction for this process: true for the first claim of its id, false when another
   * process has it. Claims older than an interaction token's life (15 minutes) are forgotten.
   */
  claimInteraction(interactionId: string): boolean {
    return this.change(() => {
      const now = this.now();
      const claimed =
        this.db
          .prepare('INSERT OR IGNORE INTO interaction_claims (interaction_id, at) VALUES (?, ?)')
          .run(interactionId, now).changes === 1;
      if (Math.random() < 0.01)
        this.db.prepare('DELETE FROM interaction_claims WHERE at <= ?').run(now - CLAIM_LIFETIME_MS);
      return claimed;
    });
  }

  // --- helpers ------------------------------------------------------------------------------------

  /** One write transaction (BEGIN IMMEDIATE: two processes never both pass a duplicate check). */
  private change<T>(work: () => T): T {
    return this.db.transaction(work).immediate();
  }

  private ensureGuild(guildId: string): void {
    this.db.prepare('INSERT OR IGNORE INTO guilds (guild_id) VALUES (?)').run(guildId);
  }

  private audit(entry: NewAuditEntry): number {
    const result = this.db
      .prepare(
        'INSERT INTO audit (guild_id, library, user_id, action, article_id, title, detail, at, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(
        entry.guildId,
        entry.library,
        entry.userId,
        entry.action,
        entry.articleId ?? null,
        entry.title ?? null,
        JSON.stringify(entry.detail ?? {}),
        this.now(),
        entry.status ?? 'applied',
      );
    return Number(result.lastInsertRowid);
  }
}
