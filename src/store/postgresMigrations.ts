// The PostgreSQL schema, one step per version (recorded in excerpt_schema). The same tables as the
// SQLite schema after its step 5, in PostgreSQL's types; a step is never edited once released.
export const POSTGRES_MIGRATIONS: readonly string[] = [
  // 1: settings, server libraries, hidden shared articles, the audit trail, cooldowns, interaction
  // claims and the counter that versions each server's library.
  `
  CREATE TABLE guilds (
    guild_id TEXT PRIMARY KEY,
    moderator_role_ids TEXT NOT NULL DEFAULT '[]',
    log_channel_id TEXT,
    -- When the bot was removed from the server (ms since 1970); null while it is a member.
    left_at BIGINT,
    library_version BIGINT NOT NULL DEFAULT 0
  );
  CREATE TABLE server_articles (
    guild_id TEXT NOT NULL,
    article_id TEXT NOT NULL,
    title TEXT NOT NULL,
    url TEXT NOT NULL,
    canonical_url TEXT NOT NULL,
    body_hash TEXT NOT NULL,
    markdown TEXT NOT NULL,
    added_at BIGINT NOT NULL,
    added_by TEXT NOT NULL,
    archived_at BIGINT,
    PRIMARY KEY (guild_id, article_id),
    UNIQUE (guild_id, canonical_url),
    UNIQUE (guild_id, body_hash)
  );
  CREATE TABLE hidden_articles (
    guild_id TEXT NOT NULL,
    article_id TEXT NOT NULL,
    hidden_at BIGINT NOT NULL,
    hidden_by TEXT NOT NULL,
    PRIMARY KEY (guild_id, article_id)
  );
  CREATE TABLE audit (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    guild_id TEXT NOT NULL,
    library TEXT NOT NULL CHECK (library IN ('server', 'shared')),
    user_id TEXT NOT NULL,
    action TEXT NOT NULL,
    article_id TEXT,
    title TEXT,
    detail JSONB NOT NULL DEFAULT '{}',
    at BIGINT NOT NULL,
    status TEXT NOT NULL DEFAULT 'applied'
      CHECK (status IN ('started', 'applied', 'rejected', 'failed', 'interrupted'))
  );
  CREATE INDEX audit_by_guild ON audit (guild_id, id);
  CREATE INDEX audit_by_library ON audit (library, id);
  CREATE TABLE cooldown_uses (key TEXT NOT NULL, at BIGINT NOT NULL);
  CREATE INDEX cooldown_by_key ON cooldown_uses (key, at);
  CREATE TABLE interaction_claims (interaction_id TEXT PRIMARY KEY, at BIGINT NOT NULL);
  CREATE INDEX interaction_claims_by_time ON interaction_claims (at);
  CREATE TABLE store_counters (name TEXT PRIMARY KEY, value BIGINT NOT NULL);
  INSERT INTO store_counters (name, value) VALUES ('library_change', 0);
  `,
];
