import type { APIRole, APIUser, RoleFlags } from 'discord.js';
import { nextSnowflake, snowflakeAfter } from './snowflake.js';

/** Permission bits used by the defaults (see Discord's permission table). */
export const Permission = {
  ViewChannel: 1n << 10n,
  SendMessages: 1n << 11n,
  EmbedLinks: 1n << 14n,
  AttachFiles: 1n << 15n,
  ReadMessageHistory: 1n << 16n,
  UseExternalEmojis: 1n << 18n,
  UseApplicationCommands: 1n << 31n,
  ManageGuild: 1n << 5n,
  ManageMessages: 1n << 13n,
  Administrator: 1n << 3n,
} as const;

/** What an ordinary member may do in the test channel: read, write, embed, attach, use commands. */
export const MEMBER_PERMISSIONS =
  Permission.ViewChannel |
  Permission.SendMessages |
  Permission.EmbedLinks |
  Permission.AttachFiles |
  Permission.ReadMessageHistory |
  Permission.UseExternalEmojis |
  Permission.UseApplicationCommands;

/** A role the fake guild should have besides @everyone. */
export interface RoleSpec {
  name: string;
  permissions?: bigint | string;
  /** Fixed id, so a test can configure the bot with it; generated when missing. */
  id?: string;
}

/** The ids and fixed objects one fake Discord serves: one application, one bot, one guild, one channel. */
export interface FakeWorld {
  readonly applicationId: string;
  readonly botUser: APIUser;
  readonly guildId: string;
  readonly guildName: string;
  readonly channelId: string;
  readonly dmChannelId: string;
  readonly roles: readonly APIRole[];
  /** The default user who sends interactions. */
  readonly user: APIUser;
  readonly ownerId: string;
  /** A second server the bot is in, with its own channel and roles (same names, other ids). */
  readonly other: FakeWorld | undefined;
}

/** Which of the fake's servers an interaction comes from. */
export type GuildChoice = 'main' | 'other';

/** The world as seen from one of its servers: `guildId`, `channelId` and `roles` are that server's. */
export function worldIn(world: FakeWorld, guild: GuildChoice | undefined): FakeWorld {
  if (guild !== 'other') return world;
  if (!world.other) throw new Error('FakeDiscord: started without a second server (secondGuild: true)');
  return world.other;
}

/** Options that shape the fake guild. */
export interface WorldOptions {
  guildName?: string;
  roles?: readonly RoleSpec[];
  everyonePermissions?: bigint | string;
  /** Put the bot in a second server too. */
  secondGuild?: boolean;
  secondGuildName?: string;
}

/** Makes a user object with all the fields discord.js reads. */
export function makeUser(overrides: Partial<APIUser> = {}): APIUser {
  const id = overrides.id ?? nextSnowflake();
  return {
    id,
    username: `user${id.slice(-4)}`,
    discriminator: '0',
    global_name: null,
    avatar: null,
    ...overrides,
  };
}

function makeRole(id: string, name: string, permissions: bigint | string, position: number): APIRole {
  return {
    id,
    name,
    color: 0,
    colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
    hoist: false,
    icon: null,
    unicode_emoji: null,
    position,
    permissions: String(permissions),
    managed: false,
    mentionable: false,
    // The flag enum has no member for "none".
    flags: 0 as RoleFlags,
  };
}

/** Creates the fake's ids and guild contents. */
export function createWorld(options: WorldOptions = {}): FakeWorld {
  const applicationId = nextSnowflake();
  const guildId = nextSnowflake();
  // The @everyone role's id is the guild's id, as on Discord.
  const everyone = makeRole(guildId, '@everyone', options.everyonePermissions ?? MEMBER_PERMISSIONS, 0);
  const extraRoles = (options.roles ?? []).map((spec, i) =>
    makeRole(spec.id ?? nextSnowflake(), spec.name, spec.permissions ?? 0n, i + 1),
  );
  const ownerId = nextSnowflake();
  const botUser = makeUser({ id: applicationId, username: 'FakeBot', bot: true });
  const user = makeUser({ username: 'tester', global_name: 'Tester' });
  // One millisecond later: with two shards, the second server is on the other shard.
  const otherGuildId = snowflakeAfter(guildId);
  const other: FakeWorld | undefined = options.secondGuild
    ? {
        applicationId,
        botUser,
        guildId: otherGuildId,
        guildName: options.secondGuildName ?? 'Other Guild',
        channelId: nextSnowflake(),
        dmChannelId: nextSnowflake(),
        roles: [
          makeRole(otherGuildId, '@everyone', options.everyonePermissions ?? MEMBER_PERMISSIONS, 0),
          ...(options.roles ?? []).map((spec, i) =>
            makeRole(nextSnowflake(), spec.name, spec.permissions ?? 0n, i + 1),
          ),
        ],
        user,
        ownerId: nextSnowflake(),
        other: undefined,
      }
    : undefined;
  return {
    applicationId,
    // A bot's user id is its application's id for every bot made since 2019.
    botUser,
    guildId,
    guildName: options.guildName ?? 'Fake Guild',
    channelId: nextSnowflake(),
    dmChannelId: nextSnowflake(),
    roles: [everyone, ...extraRoles],
    user,
    ownerId,
    other,
  };
}
