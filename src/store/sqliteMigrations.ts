// The database's schema, one step per version. A step is never edited once released: add a new one.
// `PRAGMA user_version` records how many steps a database has had.
export const MIGRATIONS: readonly string[] = [
  // 1: per-server settings, server libraries, hidden shared articles and the audit trail.
  `
  CREATE TABLE guilds (
    guild_id TEXT PRIMARY KEY,
    moderator_role_ids TEXT NOT NULL DEFAULT '[]',
    log_channel_id TEXT,
    -- When the bot was removed from the server (ms since 1970); null while it is a member.
    left_at INTEGER
  );
  CREATE TABLE server_articles (
    guild_id TEXT NOT NULL,
    article_id TEXT NOT NULL,
    title TEXT NOT NULL,
    url TEXT NOT NULL,
    canonical_url TEXT NOT NULL,
    body_hash TEXT NOT NULL,
    -- The article file, in the same Markdown format as the shared corpus folder.
    markdown TEXT NOT NULL,
    added_at INTEGER NOT NULL,
    added_by TEXT NOT NULL,
    archived_at INTEGER,
    PRIMARY KEY (guild_id, article_id),
    UNIQUE (guild_id, canonical_url),
    UNIQUE (guild_id, body_hash)
  );
  CREATE TABLE hidden_articles (
    guild_id TEXT NOT NULL,
    article_id TEXT NOT NULL,
    hidden_at INTEGER NOT NULL,
    hidden_by TEXT NOT NULL,
    PRIMARY KEY (guild_id, article_id)
  );
  CREATE TABLE audit (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    guild_id TEXT NOT NULL,
    library TEXT NOT NULL CHECK (library IN ('server', 'shared')),
    user_id TEXT NOT NULL,
    action TEXT NOT NULL,
    article_id TEXT,
    title TEXT,
    detail TEXT NOT NULL DEFAULT '{}',
    at INTEGER NOT NULL
  );
  CREATE INDEX audit_by_guild ON audit (guild_id, id);
  CREATE INDEX audit_by_library ON audit (library, id);
  `,
  // 2: an audit entry's outcome. Changes to the shared folder are files, not rows: their entry is
  // written 'started' before the change and finished after it, so a crash in between shows in the
  // trail as 'interrupted' instead of leaving a change with no entry.
  `
  ALTER TABLE audit ADD COLUMN status TEXT NOT NULL DEFAULT 'applied'
    CHECK (status IN ('started', 'applied', 'rejected', 'failed', 'interrupted'));
  `,
  // 3: recent uses of a rate-limited command, so that a cooldown holds across the processes that
  // serve one bot (WORKERS, replicas), not only within each.
  `
  CREATE TABLE cooldown_uses (key TEXT NOT NULL, at INTEGER NOT NULL);
  CREATE INDEX cooldown_by_key ON cooldown_uses (key, at);
  `,
  // 4: which process handles an interaction, when two may receive it (two gateway sessions of one
  // shard while a replacement process takes over): the first to claim it.
  `
  CREATE TABLE interaction_claims (interaction_id TEXT PRIMARY KEY, at INTEGER NOT NULL);
  CREATE INDEX interaction_claims_by_time ON interaction_claims (at);
  `,
  // 5: a version per server library, from one counter, so that a process rebuilds a server's library
  // only when that library changed (data_version changes with every commit, claims and cooldowns too).
  `
  ALTER TABLE guilds ADD COLUMN library_version INTEGER NOT NULL DEFAULT 0;
  CREATE TABLE store_counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
  INSERT INTO store_counters (name, value) VALUES ('library_change', 0);
  `,
];
