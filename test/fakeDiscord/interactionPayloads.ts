import type {
  APIApplicationCommandInteractionDataOption,
  APIBaseInteraction,
  APIChatInputApplicationCommandInteractionData,
  APIInteractionGuildMember,
  APIMessage,
  APIMessageButtonInteractionData,
  APIUser,
  GuildMemberFlags,
  InteractionType,
  Locale,
} from 'discord.js';
import { dmChannel, messagePayload, textChannel } from './payloads.js';
import { nextSnowflake, randomToken } from './snowflake.js';
import { type FakeWorld, type GuildChoice, MEMBER_PERMISSIONS, makeUser, worldIn } from './world.js';

/** Who sends an interaction, and from where. Every field has a default. */
export interface InteractionContextOptions {
  /** From the bot's DM instead of the guild's text channel: `user` is sent, not `member`. */
  dm?: boolean;
  /** Merged over the default test user. */
  user?: Partial<APIUser>;
  /** The member's role ids (guild only). */
  roles?: readonly string[];
  /** The member's computed permissions in the channel (guild only). */
  permissions?: bigint | string;
  /** What the bot may do in the channel. */
  appPermissions?: bigint | string;
  locale?: string;
  guildLocale?: string;
  /** Which server the interaction comes from (started with `secondGuild: true` for 'other'). */
  guild?: GuildChoice;
  /**
   * Installed by the user, not the server: authorized by the user install only (key 1), as in a
   * server the bot is not a member of, or the user's own DMs.
   */
  userInstall?: boolean;
}

/** A chat-input (slash) command. */
export interface ChatInputOptions extends InteractionContextOptions {
  name: string;
  options?: APIApplicationCommandInteractionDataOption[];
  /** Defaults to the id the fake gave the registered command of that name, else a fresh one. */
  commandId?: string;
  resolved?: APIChatInputApplicationCommandInteractionData['resolved'];
}

/** An autocomplete request: the command's options with one of them focused. */
export interface AutocompleteOptions extends InteractionContextOptions {
  name: string;
  /** The option being typed; its value arrives partial and unvalidated, as on Discord. */
  focused: { name: string; value: string; type?: 3 | 4 | 10 };
  /** Other options already filled in. */
  options?: APIApplicationCommandInteractionDataOption[];
  commandId?: string;
}

/** A message context-menu command ("Check quote") used on a message in the channel. */
export interface MessageContextMenuOptions extends InteractionContextOptions {
  name: string;
  /** Merged over a default message from another member of the server. */
  message: Partial<APIMessage> & { content: string };
  commandId?: string;
}

/** A button press on a message the bot sent. */
export interface ButtonOptions extends InteractionContextOptions {
  customId: string;
  /** Merged over a default bot message holding one button with `customId`. */
  message?: Partial<APIMessage>;
}

/** Any interaction payload the fake can dispatch. */
export type InteractionPayload = APIBaseInteraction<InteractionType, unknown>;

/** Fields every interaction carries; `member` in a guild, `user` in a DM. */
function contextFields(everywhere: FakeWorld, type: InteractionType, options: InteractionContextOptions) {
  const world = worldIn(everywhere, options.guild);
  const user = makeUser({ ...world.user, ...options.user });
  const base = {
    id: nextSnowflake(),
    application_id: world.applicationId,
    type,
    token: randomToken('aW50ZXJhY3Rpb246'),
    version: 1 as const,
    app_permissions: String(options.appPermissions ?? MEMBER_PERMISSIONS),
    locale: (options.locale ?? 'en-US') as Locale,
    entitlements: [],
    attachment_size_limit: 10 * 1024 * 1024,
  };
  if (options.dm) {
    return {
      ...base,
      channel: dmChannel(world, user),
      channel_id: world.dmChannelId,
      user,
      // A guild-installed app used in its own DM: the guild-install key (0) holds "0". Context 1 = bot
      // DM; a user-installed app is authorized by the user (key 1).
      authorizing_integration_owners: options.userInstall ? { 1: user.id } : { 0: '0' },
      context: 1,
    } satisfies Partial<InteractionPayload>;
  }
  const member: APIInteractionGuildMember = {
    user,
    roles: [...(options.roles ?? [])],
    permissions: String(options.permissions ?? MEMBER_PERMISSIONS),
    joined_at: new Date(0).toISOString(),
    deaf: false,
    mute: false,
    flags: 0 as GuildMemberFlags,
    nick: null,
    avatar: null,
    premium_since: null,
    pending: false,
    communication_disabled_until: null,
  };
  return {
    ...base,
    guild_id: world.guildId,
    guild: { id: world.guildId, locale: (options.guildLocale ?? 'en-US') as Locale, features: [] },
    guild_locale: (options.guildLocale ?? 'en-US') as Locale,
    channel: textChannel(world),
    channel_id: world.channelId,
    member,
    // 0 = guild install, 0 = guild context; a user install (key 1) names the user instead.
    authorizing_integration_owners: options.userInstall ? { 1: user.id } : { 0: world.guildId },
    context: 0,
  } satisfies Partial<InteractionPayload>;
}

/** Builds an INTERACTION_CREATE payload for a slash command. */
export function chatInputPayload(
  world: FakeWorld,
  options: ChatInputOptions,
  commandId: string,
): InteractionPayload {
  const data: APIChatInputApplicationCommandInteractionData = { id: commandId, name: options.name, type: 1 };
  if (options.options) data.options = options.options;
  if (options.resolved) data.resolved = options.resolved;
  if (!options.dm) data.guild_id = worldIn(world, options.guild).guildId;
  return { ...contextFields(world, 2, options), data };
}

/**
 * Builds an INTERACTION_CREATE payload for a message context-menu command: data.type 3, the
 * message's id as target_id, and the message itself in resolved.messages.
 */
export function messageContextMenuPayload(
  world: FakeWorld,
  options: MessageContextMenuOptions,
  commandId: string,
): InteractionPayload {
  const context = contextFields(world, 2, options);
  const target = {
    ...messagePayload(
      {
        channelId: context.channel_id,
        guildId: options.dm ? undefined : worldIn(world, options.guild).guildId,
        author: makeUser({ id: nextSnowflake(), username: 'someone_else' }),
      },
      { content: options.message.content },
    ),
    ...options.message,
  };
  const data = {
    id: commandId,
    name: options.name,
    type: 3,
    target_id: target.id,
    resolved: { messages: { [target.id]: target } },
    ...(options.dm ? {} : { guild_id: worldIn(world, options.guild).guildId }),
  };
  return { ...context, data };
}

/** Builds an INTERACTION_CREATE payload for autocomplete (type 4) with one focused option. */
export function autocompletePayload(
  world: FakeWorld,
  options: AutocompleteOptions,
  commandId: string,
): InteractionPayload {
  const focused = {
    name: options.focused.name,
    type: options.focused.type ?? 3,
    value: options.focused.value,
  };
  const data = {
    id: commandId,
    name: options.name,
    type: 1,
    options: [...(options.options ?? []), { ...focused, focused: true }],
  };
  return { ...contextFields(world, 4, options), data };
}

/** Builds an INTERACTION_CREATE payload for a button press (type 3) on a bot message. */
export function buttonPayload(world: FakeWorld, options: ButtonOptions): InteractionPayload {
  const context = contextFields(world, 3, options);
  const defaultMessage = messagePayload(
    {
      channelId: context.channel_id,
      guildId: options.dm ? undefined : worldIn(world, options.guild).guildId,
      author: world.botUser,
      applicationId: world.applicationId,
      webhookId: world.applicationId,
    },
    {
      content: 'A message with a button',
      components: [
        { type: 1, components: [{ type: 2, style: 1, label: 'Press', custom_id: options.customId }] },
      ],
    },
  );
  const data: APIMessageButtonInteractionData = { custom_id: options.customId, component_type: 2 };
  return { ...context, message: { ...defaultMessage, ...options.message }, data };
}
