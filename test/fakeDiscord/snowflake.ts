import { randomBytes } from 'node:crypto';

/** Discord's epoch (2015-01-01), the zero point of every snowflake's timestamp. */
const DISCORD_EPOCH = 1_420_070_400_000n;

let increment = 0n;

/**
 * Makes a new, unique Discord snowflake for the current time.
 * Real ids made today have 19 digits; discord.js reads the creation time back out of them.
 */
export function nextSnowflake(now: number = Date.now()): string {
  increment = (increment + 1n) & 0xfffn;
  // Worker and process ids are fixed at 1: they only need to be plausible.
  return (((BigInt(now) - DISCORD_EPOCH) << 22n) | (1n << 17n) | (1n << 12n) | increment).toString();
}

/** The gateway shard a server's events go to, as Discord assigns them: (id >> 22) % shards. */
export function shardOf(guildId: string, shards: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(shards));
}

/** A snowflake made one millisecond after `id`: with several shards, the next shard's server. */
export function snowflakeAfter(id: string): string {
  return nextSnowflake(Number((BigInt(id) >> 22n) + DISCORD_EPOCH + 1n));
}

/** Makes an opaque token in Discord's shape (URL-safe base64), never containing `/` or `+`. */
export function randomToken(prefix: string, bytes = 48): string {
  return `${prefix}${randomBytes(bytes).toString('base64url')}`;
}

/** Makes a bot token of the right shape: base64 of the user id, a timestamp part and an HMAC part. */
export function botToken(botUserId: string): string {
  const idPart = Buffer.from(botUserId).toString('base64url');
  return `${idPart}.${randomBytes(4).toString('base64url')}.${randomBytes(27).toString('base64url')}`;
}
