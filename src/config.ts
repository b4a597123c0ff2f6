/** Every setting of the bot, parsed once from the environment at start-up. */
export interface Config {
  readonly discordToken: string;
  readonly discordClientId: string;
  /** Deploy commands to this guild only (development); global when absent. */
  readonly discordGuildId?: string;
  /** REST base URL such as `https://discord.com/api`; a proxy in production, the fake in tests. */
  readonly discordApiUrl?: string;
  readonly corpusDir: string;
  /** Roles whose members may manage the library in home servers, besides those with Manage Server. */
  readonly moderatorRoleIds: readonly string[];
  /** Servers whose moderators also manage the shared library (the corpus folder) from Discord. */
  readonly homeGuildIds: readonly string[];
  /** Where the database (server libraries, settings, audit trail) is kept. */
  readonly dataDir: string;
  /** A PostgreSQL database every process and machine shares; without it, SQLite in `dataDir`. */
  readonly databaseUrl?: string;
  /** How long a server's library and settings are kept after the bot is removed from it. */
  readonly retentionDays: number;
  /** Server libraries kept in memory; the least recently used beyond this are rebuilt when next asked. */
  readonly serverLibrariesInMemory: number;
  readonly logLevel: LogLevel;
  /** At most `cooldownUses` /ask and /quote per user within `cooldownSeconds`. */
  readonly cooldownUses: number;
  readonly cooldownSeconds: number;
  /** Rebuild the index when files in the corpus folder change. */
  readonly corpusWatch: boolean;
  /** Let /corpus add fetch private, loopback and link-local addresses (never in production). */
  readonly allowPrivateUrls: boolean;
  /** Port of /healthz, /readyz and /metrics; none when absent. */
  readonly healthPort?: number;
  /** Address that port listens on: loopback unless a container or a scraper needs more. */
  readonly healthHost: string;
  /** How interactions arrive: over the gateway (one process), or POSTed by Discord over HTTP. */
  readonly interactions: 'gateway' | 'http';
  /** The application's public key (hex), to verify what Discord POSTs; required for http. */
  readonly discordPublicKey?: string;
  /** Port and address of POST /interactions in http mode. */
  readonly port: number;
  readonly interactionsHost: string;
  /** Processes serving PORT in http mode (Node's cluster module); 1: this process alone. */
  readonly workers: number;
  /**
   * INTERACTIONS=gateway: gateway shards, each its own process started by discord.js's ShardingManager
   * ('auto': as many as Discord recommends). 1: this process connects alone.
   */
  readonly gatewayShards: number | 'auto';
  /** Set in a shard's process by the ShardingManager that started it: which shard, of how many. */
  readonly shard?: { readonly id: number; readonly count: number };
}

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
const SNOWFLAKE = /^\d{17,20}$/;

export class ConfigError extends Error {
  constructor(
    readonly key: string,
    problem: string,
  ) {
    super(`[ENV] ${key} - ${problem}`);
    this.name = 'ConfigError';
  }
}

type Env = Readonly<Record<string, string | undefined>>;

function optional(env: Env, key: string): string | undefined {
  const value = env[key]?.trim();
  return value === '' ? undefined : value;
}

/** DATABASE_URL, when set, must be a PostgreSQL connection URL (it holds a password: never logged). */
export function databaseUrl(env: Env): { databaseUrl?: string } {
  const value = optional(env, 'DATABASE_URL');
  if (value === undefined) return {};
  if (!/^postgres(ql)?:\/\/\S+$/u.test(value))
    throw new ConfigError('DATABASE_URL', 'must be a postgres:// (or postgresql://) connection URL');
  return { databaseUrl: value };
}

function required(env: Env, key: string, hint: string): string {
  const value = optional(env, key);
  if (value === undefined) throw new ConfigError(key, `missing: ${hint}`);
  return value;
}

function snowflake(key: string, value: string | undefined): string | undefined {
  if (value !== undefined && !SNOWFLAKE.test(value))
    throw new ConfigError(key, `must be a Discord id (17–20 digits), got "${value}"`);
  return value;
}

/** A comma-separated list of Discord ids; empty when unset. */
function snowflakeList(env: Env, key: string): string[] {
  const ids = (optional(env, key) ?? '')
    .split(',')
    .map((id) => id.trim())
    .filter((id) => id !== '');
  for (const id of ids) snowflake(key, id);
  return ids;
}

function positiveInteger(env: Env, key: string, fallback: number): number {
  const raw = optional(env, key);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1)
    throw new ConfigError(key, `must be a whole number above 0, got "${raw}"`);
  return value;
}

/** A TCP port (1–65535), or undefined when unset. */
function port(env: Env, key: string): number | undefined {
  const raw = optional(env, key);
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 65_535)
    throw new ConfigError(key, `must be a port number from 1 to 65535, got "${raw}"`);
  return value;
}

function flag(env: Env, key: string): boolean {
  const raw = optional(env, key)?.toLowerCase();
  if (raw === undefined || raw === 'false' || raw === '0') return false;
  if (raw === 'true' || raw === '1') return true;
  throw new ConfigError(key, `must be true or false, got "${raw}"`);
}

/**
 * The shard this process is, when discord.js's ShardingManager started it: it sets SHARDING_MANAGER,
 * SHARDS (this shard's id) and SHARD_COUNT in the environment of each shard's process.
 */
function managedShard(env: Env): { id: number; count: number } | undefined {
  // Not settings (.env.example does not list them): what the manager tells the process it starts.
  if (env.SHARDING_MANAGER !== 'true') return undefined;
  const id = Number(env.SHARDS);
  const count = Number(env.SHARD_COUNT);
  if (!Number.isInteger(id) || !Number.isInteger(count) || id < 0 || id >= count)
    throw new Error(
      `the ShardingManager's SHARDS=${env.SHARDS} and SHARD_COUNT=${env.SHARD_COUNT} name no shard`,
    );
  return { id, count };
}

/** Settings that do not need Discord: the CLI and the engine can run with these alone. */
export function loadEngineConfig(env: Env = process.env): Pick<Config, 'corpusDir' | 'logLevel'> {
  const logLevel = (optional(env, 'LOG_LEVEL') ?? 'info') as LogLevel;
  if (!LOG_LEVELS.includes(logLevel))
    throw new ConfigError('LOG_LEVEL', `must be one of ${LOG_LEVELS.join(', ')}`);
  return { corpusDir: optional(env, 'CORPUS_DIR') ?? 'corpus', logLevel };
}

/**
 * Parses and validates the bot's environment; throws a ConfigError naming the first bad key.
 * The result is frozen: nothing reads `process.env` after start-up.
 */
export function loadConfig(env: Env = process.env): Config {
  const discordToken = required(
    env,
    'DISCORD_TOKEN',
    'the bot token from the Developer Portal (Bot → Reset Token)',
  );
  const discordClientId = snowflake(
    'DISCORD_CLIENT_ID',
    required(env, 'DISCORD_CLIENT_ID', 'the Application ID from the Developer Portal (General Information)'),
  ) as string;
  const discordGuildId = snowflake('DISCORD_GUILD_ID', optional(env, 'DISCORD_GUILD_ID'));
  const discordApiUrl = optional(env, 'DISCORD_API_URL');
  if (discordApiUrl !== undefined && !/^https?:\/\/[^\s]+$/.test(discordApiUrl)) {
    throw new ConfigError('DISCORD_API_URL', `must be an http(s) URL, got "${discordApiUrl}"`);
  }
  const healthPort = port(env, 'HEALTH_PORT');
  const interactions = optional(env, 'INTERACTIONS') ?? 'gateway';
  if (interactions !== 'gateway' && interactions !== 'http')
    throw new ConfigError('INTERACTIONS', `must be gateway or http, got "${interactions}"`);
  const discordPublicKey = optional(env, 'DISCORD_PUBLIC_KEY');
  if (interactions === 'http' && discordPublicKey === undefined)
    throw new ConfigError(
      'DISCORD_PUBLIC_KEY',
      'missing: the Public Key from the Developer Portal (General Information), needed for INTERACTIONS=http',
    );
  if (discordPublicKey !== undefined && !/^[0-9a-f]{64}$/iu.test(discordPublicKey))
    throw new ConfigError('DISCORD_PUBLIC_KEY', 'must be 64 hexadecimal characters');
  const gatewayShards =
    optional(env, 'GATEWAY_SHARDS') === 'auto' ? 'auto' : positiveInteger(env, 'GATEWAY_SHARDS', 1);
  if (interactions === 'http' && gatewayShards !== 1)
    throw new ConfigError(
      'GATEWAY_SHARDS',
      'is for INTERACTIONS=gateway; over HTTP there is no gateway to shard (use WORKERS)',
    );
  const shard = managedShard(env);
  const moderatorRoleIds = snowflakeList(env, 'MODERATOR_ROLE_IDS');
  const homeGuildIds = snowflakeList(env, 'HOME_GUILD_IDS');
  return Object.freeze({
    discordToken,
    discordClientId,
    ...(discordGuildId ? { discordGuildId } : {}),
    ...(discordApiUrl ? { discordApiUrl: discordApiUrl.replace(/\/+$/, '') } : {}),
    ...loadEngineConfig(env),
    moderatorRoleIds: Object.freeze(moderatorRoleIds),
    homeGuildIds: Object.freeze(homeGuildIds),
    dataDir: optional(env, 'DATA_DIR') ?? 'data',
    ...databaseUrl(env),
    retentionDays: positiveInteger(env, 'DATA_RETENTION_DAYS', 30),
    serverLibrariesInMemory: positiveInteger(env, 'SERVER_LIBRARIES_IN_MEMORY', 500),
    cooldownUses: positiveInteger(env, 'COOLDOWN_USES', 5),
    cooldownSeconds: positiveInteger(env, 'COOLDOWN_SECONDS', 30),
    corpusWatch: flag(env, 'CORPUS_WATCH'),
    allowPrivateUrls: flag(env, 'CORPUS_ALLOW_PRIVATE_URLS'),
    ...(healthPort === undefined ? {} : { healthPort }),
    healthHost: optional(env, 'HEALTH_HOST') ?? '127.0.0.1',
    interactions,
    ...(discordPublicKey ? { discordPublicKey } : {}),
    port: port(env, 'PORT') ?? 8080,
    interactionsHost: optional(env, 'INTERACTIONS_HOST') ?? '0.0.0.0',
    workers: positiveInteger(env, 'WORKERS', 1),
    gatewayShards,
    ...(shard ? { shard } : {}),
  });
}
