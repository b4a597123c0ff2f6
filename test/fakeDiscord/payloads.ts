import type {
  APIApplication,
  APIDMChannel,
  APIGuildMember,
  APIMessage,
  APITextChannel,
  ChannelFlags,
  GatewayGuildCreateDispatchData,
  GatewayReadyDispatchData,
  GuildMemberFlags,
  GuildSystemChannelFlags,
  Locale,
  MessageFlags,
} from 'discord.js';
import { nextSnowflake, shardOf } from './snowflake.js';
import type { FakeWorld } from './world.js';

/** Application flags: gateway intents for message content and guild members (limited), as a verified bot has. */
const APPLICATION_FLAGS = (1 << 15) | (1 << 19);

/** Flag fields are typed as bit-flag enums, which have no member for "none". */
const NO_FLAGS = 0;

/** The guild's one text channel. */
export function textChannel(world: FakeWorld): APITextChannel {
  return {
    id: world.channelId,
    type: 0,
    guild_id: world.guildId,
    name: 'general',
    position: 0,
    permission_overwrites: [],
    nsfw: false,
    parent_id: null,
    topic: null,
    last_message_id: null,
    rate_limit_per_user: 0,
    flags: NO_FLAGS as ChannelFlags,
  };
}

/** The DM channel between the bot and `recipient`. */
export function dmChannel(world: FakeWorld, recipient: FakeWorld['user']): APIDMChannel {
  return {
    id: world.dmChannelId,
    type: 1,
    flags: NO_FLAGS as ChannelFlags,
    last_message_id: null,
    recipients: [recipient],
    name: null,
  };
}

/** The bot's own membership of the guild. */
function botMember(world: FakeWorld): APIGuildMember {
  return {
    user: world.botUser,
    roles: [],
    joined_at: new Date(0).toISOString(),
    deaf: false,
    mute: false,
    flags: NO_FLAGS as GuildMemberFlags,
  };
}

/** READY: the bot user, its guilds as unavailable, and where to resume. */
export function readyPayload(
  world: FakeWorld,
  sessionId: string,
  resumeUrl: string,
  shard: readonly [number, number] = [0, 1],
): GatewayReadyDispatchData {
  return {
    v: 10,
    user: world.botUser,
    guilds: [world, ...(world.other ? [world.other] : [])]
      .filter((guild) => shardOf(guild.guildId, shard[1]) === shard[0])
      .map((guild) => ({
        id: guild.guildId,
        unavailable: true,
      })),
    session_id: sessionId,
    resume_gateway_url: resumeUrl,
    shard: [shard[0], shard[1]],
    application: { id: world.applicationId, flags: APPLICATION_FLAGS, flags_new: String(APPLICATION_FLAGS) },
  };
}

/** GUILD_CREATE with everything discord.js caches: roles, the text channel, the bot's member. */
export function guildCreatePayload(world: FakeWorld): GatewayGuildCreateDispatchData {
  return {
    id: world.guildId,
    name: world.guildName,
    icon: null,
    splash: null,
    discovery_splash: null,
    banner: null,
    description: null,
    owner_id: world.ownerId,
    region: 'us-west',
    afk_channel_id: null,
    afk_timeout: 300,
    widget_enabled: false,
    widget_channel_id: null,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    roles: [...world.roles],
    emojis: [],
    stickers: [],
    features: [],
    mfa_level: 0,
    application_id: null,
    system_channel_id: null,
    system_channel_flags: NO_FLAGS as GuildSystemChannelFlags,
    rules_channel_id: null,
    max_presences: null,
    max_members: 500_000,
    vanity_url_code: null,
    premium_tier: 0,
    premium_subscription_count: 0,
    preferred_locale: 'en-US' as Locale,
    public_updates_channel_id: null,
    max_video_channel_users: 25,
    max_stage_video_channel_users: 50,
    nsfw_level: 0,
    premium_progress_bar_enabled: false,
    safety_alerts_channel_id: null,
    hub_type: null,
    incidents_data: null,
    joined_at: new Date(0).toISOString(),
    large: false,
    unavailable: false,
    member_count: 2,
    voice_states: [],
    members: [botMember(world)],
    channels: [textChannel(world)],
    threads: [],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}

/** `GET /applications/@me`. */
export function applicationPayload(world: FakeWorld): APIApplication {
  return {
    id: world.applicationId,
    name: world.botUser.username,
    icon: null,
    description: '',
    bot_public: false,
    bot_require_code_grant: false,
    bot: world.botUser,
    verify_key: '0'.repeat(64),
    flags: APPLICATION_FLAGS,
    team: null,
    summary: '',
  } as APIApplication;
}

/** Where and by whom a stored message was written. */
export interface MessageContext {
  channelId: string;
  guildId?: string | undefined;
  author: FakeWorld['botUser'];
  applicationId?: string;
  /** Webhook-created messages (interaction responses) carry the application id here. */
  webhookId?: string;
}

/** Builds the full message object Discord answers with, from a create/edit body. */
export function messagePayload(
  context: MessageContext,
  body: Record<string, unknown>,
  previous?: APIMessage,
): APIMessage {
  const base: APIMessage = previous ?? {
    id: nextSnowflake(),
    channel_id: context.channelId,
    author: context.author,
    content: '',
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    embeds: [],
    components: [],
    pinned: false,
    type: 0,
    flags: NO_FLAGS as MessageFlags,
  };
  const pick = <K extends keyof APIMessage>(key: K): APIMessage[K] =>
    key in body && body[key] !== undefined ? (body[key] as APIMessage[K]) : base[key];
  const message: APIMessage = {
    ...base,
    content: pick('content') ?? '',
    embeds: pick('embeds') ?? [],
    components: pick('components') ?? [],
    attachments: pick('attachments') ?? [],
    flags: pick('flags') ?? (NO_FLAGS as MessageFlags),
    tts: pick('tts') ?? false,
    edited_timestamp: previous ? new Date().toISOString() : null,
  };
  if (context.guildId !== undefined) Object.assign(message, { guild_id: context.guildId });
  if (context.webhookId !== undefined) message.webhook_id = context.webhookId;
  if (context.applicationId !== undefined) message.application_id = context.applicationId;
  return message;
}
