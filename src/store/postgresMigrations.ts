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
  // 2: the two writes made for every interaction, each one round trip (a function) that does not
  // wait for the disk at commit (set_config(..., true) lasts until the statement's transaction ends).
  `
  CREATE FUNCTION excerpt_take_cooldown(use_key TEXT, now_ms BIGINT, uses INTEGER, window_ms BIGINT)
  RETURNS BIGINT LANGUAGE plpgsql AS $$
  DECLARE
    recent BIGINT[];
  BEGIN
    PERFORM set_config('synchronous_commit', 'off', true);
    PERFORM pg_advisory_xact_lock(hashtextextended('cooldown:' || use_key, 0));
    DELETE FROM cooldown_uses WHERE key = use_key AND at <= now_ms - window_ms;
    recent := ARRAY(SELECT at FROM cooldown_uses WHERE key = use_key ORDER BY at);
    IF cardinality(recent) >= uses THEN
      RETURN window_ms - (now_ms - recent[1]);
    END IF;
    INSERT INTO cooldown_uses (key, at) VALUES (use_key, now_ms);
    -- Now and then, forget everyone idle (keys never seen again would otherwise stay).
    IF random() < 0.01 THEN
      DELETE FROM cooldown_uses WHERE at <= now_ms - window_ms;
    END IF;
    RETURN 0;
  END $$;
  CREATE FUNCTION excerpt_claim_interaction(id TEXT, now_ms BIGINT, lifetime_ms BIGINT)
  RETURNS BOOLEAN LANGUAGE plpgsql AS $$
  DECLARE
    claimed INTEGER;
  BEGIN
    PERFORM set_config('synchronous_commit', 'off', true);
    INSERT INTO interaction_claims (interaction_id, at) VALUES (id, now_ms) ON CONFLICT DO NOTHING;
    GET DIAGNOSTICS claimed = ROW_COUNT;
    IF random() < 0.01 THEN
      DELETE FROM interaction_claims WHERE at <= now_ms - lifetime_ms;
    END IF;
    RETURN claimed = 1;
  END $$;
  `,
];
