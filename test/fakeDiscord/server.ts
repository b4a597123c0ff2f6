import type { APIRole } from 'discord.js';
import { botRoutes } from './botRoutes.js';
import { ChannelStore, type PostedMessage } from './channels.js';
import { CommandStore, commandRoutes } from './commands.js';
import type { RestFault } from './faults.js';
import { FakeGateway, type RecordedFrame } from './gateway.js';
import {
  type AutocompleteOptions,
  autocompletePayload,
  type ButtonOptions,
  buttonPayload,
  type ChatInputOptions,
  chatInputPayload,
  type InteractionPayload,
  type MessageContextMenuOptions,
  messageContextMenuPayload,
} from './interactionPayloads.js';
import { interactionRoutes } from './interactionRoutes.js';
import {
  type InteractionRecord,
  type InteractionResponse,
  InteractionStore,
  type WaitForResponseOptions,
} from './interactions.js';
import { guildCreatePayload, readyPayload } from './payloads.js';
import { FakeRest, type RecordedCall, type Rejection } from './rest.js';
import { botToken, nextSnowflake, shardOf } from './snowflake.js';
import {
  createWorld,
  type FakeWorld,
  type GuildChoice,
  MEMBER_PERMISSIONS,
  type RoleSpec,
  worldIn,
} from './world.js';

/** Options for {@link startFakeDiscord}; every one has a default in {@link defaultOptions}. */
export interface FakeDiscordOptions {
  /** HELLO's `heartbeat_interval`. */
  heartbeatIntervalMs?: number;
  /** Time from dispatch to the first callback before 10062 "Unknown interaction" (Discord: 3 s). */
  interactionDeadlineMs?: number;
  /** Life of an interaction token for edits and follow-ups before 50027 (Discord: 15 min). */
  tokenLifetimeMs?: number;
  guildName?: string;
  /** Roles besides @everyone; give ids to refer to them from the bot's configuration. */
  roles?: readonly RoleSpec[];
  /** The @everyone role's permissions. */
  everyonePermissions?: bigint | string;
  /** Default timeout of every `waitFor…` helper. */
  waitTimeoutMs?: number;
  /** Put the bot in a second server too (interactions choose it with `guild: 'other'`). */
  secondGuild?: boolean;
  /**
   * Shards `GET /gateway/bot` asks for. Servers go to shards as on Discord; the second server is
   * made on the shard after the main one's.
   */
  shards?: number;
}

/** The defaults of {@link FakeDiscordOptions}. */
export const defaultOptions = {
  heartbeatIntervalMs: 41_250,
  interactionDeadlineMs: 3_000,
  tokenLifetimeMs: 15 * 60_000,
  guildName: 'Fake Guild',
  roles: [] as readonly RoleSpec[],
  everyonePermissions: MEMBER_PERMISSIONS as bigint | string,
  waitTimeoutMs: 2_000,
  secondGuild: false,
  shards: 1,
};

/** An interaction the fake dispatched. */
export interface SentInteraction {
  id: string;
  token: string;
  payload: InteractionPayload;
}

/** How long to wait, and for how many occurrences in total. */
export interface WaitOptions {
  /** Resolve once this many have happened since the fake started; default 1. */
  count?: number;
  timeoutMs?: number;
}

/** Which rejection to wait for. */
export interface RejectionFilter {
  code?: number;
  interactionId?: string;
  timeoutMs?: number;
}

/**
 * A fake Discord on loopback for end-to-end tests: a gateway the real discord.js `Client` logs into,
 * REST routes for interaction responses and command registration, Discord's limits and errors, and
 * faults a test can inject. Made by {@link startFakeDiscord}.
 */
export class FakeDiscord {
  /** For `new Client({ rest: { api } })`. */
  readonly apiUrl: string;
  /** What `GET /gateway/bot` answers. */
  readonly gatewayUrl: string;
  readonly applicationId: string;
  readonly botUserId: string;
  readonly guildId: string;
  /** The guild's text channel, where guild interactions come from. */
  readonly channelId: string;
  /** A token of the right shape for `client.login()`; the fake accepts any `Bot …` token. */
  readonly token: string;
  /** Registered application commands (`commands.list()`, `commands.list(guildId)`); a test may also pre-register. */
  readonly commands: CommandStore;
  private closed = false;

  /** Use {@link startFakeDiscord}, which starts the servers this wraps. */
  constructor(
    private readonly world: FakeWorld,
    private readonly rest: FakeRest,
    private readonly gateway: FakeGateway,
    private readonly interactions: InteractionStore,
    commands: CommandStore,
    private readonly options: typeof defaultOptions,
    private readonly channels: ChannelStore,
  ) {
    this.apiUrl = rest.apiUrl;
    this.gatewayUrl = gateway.url;
    this.applicationId = world.applicationId;
    this.botUserId = world.botUser.id;
    this.guildId = world.guildId;
    this.channelId = world.channelId;
    this.token = botToken(world.botUser.id);
    this.commands = commands;
  }

  /** The id of a server the bot is in: the main one, or the second (started with `secondGuild: true`). */
  guildIdOf(guild: GuildChoice): string {
    return worldIn(this.world, guild).guildId;
  }

  /** The text channel of one of the servers. */
  channelIdOf(guild: GuildChoice): string {
    return worldIn(this.world, guild).channelId;
  }

  /** The id of the role called `name` in one of the servers. */
  roleIdIn(guild: GuildChoice, name: string): string {
    const role = worldIn(this.world, guild).roles.find((r) => r.name === name);
    if (!role) throw new Error(`FakeDiscord: no role named "${name}" in the ${guild} server`);
    return role.id;
  }

  /** Messages the bot posted in channels (not interaction responses), in order. */
  get channelMessages(): readonly PostedMessage[] {
    return this.channels.messages;
  }

  /** The bot is removed from a server (kicked, or the server deleted): GUILD_DELETE, as Discord sends it. */
  removeFromGuild(guild: GuildChoice): void {
    const { guildId } = worldIn(this.world, guild);
    this.channels.left.add(guildId);
    this.gateway.dispatch('GUILD_DELETE', { id: guildId }, guildId);
  }

  /** The bot is invited (again): GUILD_CREATE with the server's full state. */
  addToGuild(guild: GuildChoice): void {
    const target = worldIn(this.world, guild);
    this.channels.left.delete(target.guildId);
    this.gateway.dispatch('GUILD_CREATE', guildCreatePayload(target), target.guildId);
  }

  /** The guild's roles, @everyone first. */
  get roles(): readonly APIRole[] {
    return this.world.roles;
  }

  /** The id of the role called `name`; throws if there is none. */
  roleId(name: string): string {
    const role = this.world.roles.find((r) => r.name === name);
    if (!role) throw new Error(`FakeDiscord: no role named "${name}"`);
    return role.id;
  }

  /** Every REST request, in order, with the status it got. */
  get calls(): readonly RecordedCall[] {
    return this.rest.calls;
  }

  /** Every request refused as Discord would refuse it (4xx not injected by a test, and fake errors). */
  get rejections(): readonly Rejection[] {
    return this.rest.rejections;
  }

  /** Requests to routes the fake does not know (answered 404). */
  get unknownRoutes(): readonly RecordedCall[] {
    return this.rest.unknownRoutes;
  }

  /** Every gateway frame the client sent. */
  get frames(): readonly RecordedFrame[] {
    return this.gateway.received;
  }

  /** Every gateway frame the fake sent. */
  get sentFrames(): readonly RecordedFrame[] {
    return this.gateway.sent;
  }

  /** Path and query of every gateway connection, e.g. `/?v=10&encoding=json`, `/resume?v=10&…`. */
  get connectionUrls(): readonly string[] {
    return this.gateway.connectionUrls;
  }

  /** How many times the client identified (READY and GUILD_CREATE sent). */
  get identifyCount(): number {
    return this.gateway.identifyCount;
  }

  /** How many times the client resumed (RESUMED sent). */
  get resumeCount(): number {
    return this.gateway.resumeCount;
  }

  /** Dispatches a slash command, from the guild channel (as a member) or from a DM (`dm: true`). */
  sendChatInput(options: ChatInputOptions): SentInteraction {
    const commandId = options.commandId ?? this.commands.idFor(options.name) ?? nextSnowflake();
    return this.sendInteraction(chatInputPayload(this.world, options, commandId));
  }

  /** Dispatches an autocomplete request with one focused option. */
  sendAutocomplete(options: AutocompleteOptions): SentInteraction {
    const commandId = options.commandId ?? this.commands.idFor(options.name) ?? nextSnowflake();
    return this.sendInteraction(autocompletePayload(this.world, options, commandId));
  }

  /** Dispatches a message context-menu command ("Check quote") used on a member's message. */
  sendMessageContextMenu(options: MessageContextMenuOptions): SentInteraction {
    const commandId = options.commandId ?? this.commands.idFor(options.name) ?? nextSnowflake();
    return this.sendInteraction(messageContextMenuPayload(this.world, options, commandId));
  }

  /** Dispatches a button press on a bot message. */
  sendButton(options: ButtonOptions): SentInteraction {
    return this.sendInteraction(buttonPayload(this.world, options));
  }

  /** Dispatches any INTERACTION_CREATE payload; its 3 s deadline starts now. */
  sendInteraction(payload: InteractionPayload): SentInteraction {
    this.interactions.add(payload);
    if (this.httpDelivery) {
      this.httpDelivery(payload).catch((error: unknown) => this.deliveryErrors.push(String(error)));
    } else {
      this.gateway.dispatch('INTERACTION_CREATE', payload, payload.guild_id);
    }
    return { id: payload.id, token: payload.token, payload };
  }

  private httpDelivery: ((payload: InteractionPayload) => Promise<void>) | undefined;
  /** What went wrong delivering interactions over HTTP (see deliverOverHttp). */
  readonly deliveryErrors: string[] = [];

  /**
   * Interactions over HTTP: every interaction sent from now on is handed to `deliver` (which POSTs it
   * to the bot's endpoint, as Discord does) instead of the gateway; undefined goes back to the gateway.
   */
  deliverOverHttp(deliver: ((payload: InteractionPayload) => Promise<void>) | undefined): void {
    this.httpDelivery = deliver;
  }

  /** What the fake knows about an interaction: acknowledged, `@original`, follow-ups. */
  interaction(id: string): InteractionRecord | undefined {
    return this.interactions.get(id);
  }

  /** Every accepted response to an interaction, in order. */
  responsesFor(id: string): readonly InteractionResponse[] {
    return this.interactions.get(id)?.responses ?? [];
  }

  /** The accepted callbacks of an interaction (at most one, as Discord allows). */
  callbacksFor(id: string): readonly InteractionResponse[] {
    return this.responsesFor(id).filter((r) => r.kind === 'callback');
  }

  /** Resolves with the first accepted response (by default of any kind) to the interaction. */
  waitForResponse(id: string, options: WaitForResponseOptions = {}): Promise<InteractionResponse> {
    return this.interactions.waitFor(id, { timeoutMs: this.options.waitTimeoutMs, ...options });
  }

  /** Resolves with the first rejection, old or new, matching the filter. */
  waitForRejection(filter: RejectionFilter = {}): Promise<Rejection> {
    const { code, interactionId, timeoutMs = this.options.waitTimeoutMs } = filter;
    return this.rest.waitForRejection(
      (r) =>
        (code === undefined || r.code === code) &&
        (interactionId === undefined || r.interactionId === interactionId),
      timeoutMs,
    );
  }

  /** Resolves with the first REST call, old or new, that `match` accepts. */
  waitForCall(
    match: (call: RecordedCall) => boolean,
    timeoutMs = this.options.waitTimeoutMs,
  ): Promise<RecordedCall> {
    return this.rest.waitForCall(match, timeoutMs);
  }

  /** Makes the next `times` requests matching `fault.route` fail with 429 or 5xx. */
  failNext(fault: RestFault): void {
    this.rest.failNext(fault);
  }

  /** How many requests armed faults will still fail. */
  get pendingFaults(): number {
    return this.rest.pendingFaults;
  }

  /** Sends any dispatch event to the sessions of `guildId`'s shard (shard 0 by default). */
  dispatch(event: string, data: unknown, guildId?: string): void {
    this.gateway.dispatch(event, data, guildId);
  }

  /** The shard a server's events go to: `main` is on shard 0 or 1 (by its id), `other` on the next. */
  shardOf(guild: GuildChoice): number {
    return shardOf(worldIn(this.world, guild).guildId, this.options.shards);
  }

  /** The [id, count] of every gateway session with an open socket. */
  get openShards(): readonly (readonly [number, number])[] {
    return this.gateway.openShards;
  }

  /**
   * Kills the gateway socket with no close frame, as a network failure would.
   * Resolves when the fake has sent RESUMED; discord.js handles it a moment later, so wait for the
   * client's `Events.ShardResume` too before injecting another gateway fault.
   */
  dropConnection(options: { timeoutMs?: number } = {}): Promise<void> {
    return this.afterFault(() => this.gateway.drop(), 'resume', options.timeoutMs);
  }

  /**
   * Sends op 7 RECONNECT; discord.js closes with 4200 and resumes at `resume_gateway_url`.
   * Resolves when the fake has sent RESUMED; discord.js handles it a moment later, so wait for the
   * client's `Events.ShardResume` too before injecting another gateway fault.
   */
  sendReconnect(options: { timeoutMs?: number } = {}): Promise<void> {
    return this.afterFault(() => this.gateway.reconnect(), 'resume', options.timeoutMs);
  }

  /**
   * Sends op 9 INVALID SESSION; resolves once the client has resumed (`true`) or identified again
   * (`false`, after discord.js's 500 ms pause). The same caveat as {@link FakeDiscord.sendReconnect} applies.
   */
  sendInvalidSession(resumable: boolean, options: { timeoutMs?: number } = {}): Promise<void> {
    return this.afterFault(
      () => this.gateway.invalidateSession(resumable),
      resumable ? 'resume' : 'identify',
      options.timeoutMs,
    );
  }

  /** Resolves once the client has identified `count` times in total (default: at least once). */
  waitForReady(options: WaitOptions = {}): Promise<void> {
    return this.gateway.waitForIdentify(options.count ?? 1, options.timeoutMs ?? this.options.waitTimeoutMs);
  }

  /** Resolves once the client has resumed `count` times in total (default: at least once). */
  waitForResume(options: WaitOptions = {}): Promise<void> {
    return this.gateway.waitForResume(options.count ?? 1, options.timeoutMs ?? this.options.waitTimeoutMs);
  }

  /** Resolves with the first frame, old or new, the client sent with this opcode. */
  waitForFrame(op: number, options: { timeoutMs?: number } = {}): Promise<RecordedFrame> {
    return this.gateway.waitForFrame((f) => f.op === op, options.timeoutMs ?? this.options.waitTimeoutMs);
  }

  /** Stops both servers and rejects every pending wait. Safe to call twice. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.interactions.close();
    await Promise.all([this.gateway.close(), this.rest.close()]);
  }

  private afterFault(inject: () => void, until: 'resume' | 'identify', timeoutMs?: number): Promise<void> {
    // Recovery includes discord.js's fixed 500 ms pause before reconnecting.
    const wait = timeoutMs ?? this.options.waitTimeoutMs + 1_000;
    const recovered =
      until === 'resume'
        ? this.waitForResume({ count: this.resumeCount + 1, timeoutMs: wait })
        : this.waitForReady({ count: this.identifyCount + 1, timeoutMs: wait });
    // Marked handled so a test that does not await it gets no unhandled rejection when the fake closes.
    recovered.catch(() => {});
    inject();
    return recovered;
  }
}

/**
 * Starts a fake Discord on 127.0.0.1 (HTTP and WebSocket, ephemeral ports).
 *
 * @example
 * const fake = await startFakeDiscord();
 * const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: fake.apiUrl } });
 * await client.login(fake.token);
 * const { id } = fake.sendChatInput({ name: 'ask', options: [{ name: 'question', type: 3, value: 'Why?' }] });
 * const reply = await fake.waitForResponse(id);
 * expect(reply.data.content).toContain('…');
 * await client.destroy();
 * await fake.close();
 */
export async function startFakeDiscord(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  const settings = { ...defaultOptions, ...options };
  const world = createWorld(settings);
  const interactions = new InteractionStore();
  const commands = new CommandStore(world);
  const channels = new ChannelStore(world);
  let gatewayUrl = '';
  const rest = await FakeRest.start([
    ...botRoutes(world, () => gatewayUrl, settings.shards),
    ...interactionRoutes(world, interactions, {
      deadlineMs: settings.interactionDeadlineMs,
      tokenLifetimeMs: settings.tokenLifetimeMs,
    }),
    ...commandRoutes(world, commands),
    ...channels.routes(),
  ]);
  const gateway = await FakeGateway.start({
    heartbeatIntervalMs: settings.heartbeatIntervalMs,
    shards: settings.shards,
    ready: (sessionId, resumeUrl, shard) => readyPayload(world, sessionId, resumeUrl, shard),
    guildCreates: ([id, count]) =>
      [world, ...(world.other ? [world.other] : [])]
        .filter((guild) => !channels.left.has(guild.guildId) && shardOf(guild.guildId, count) === id)
        .map((guild) => guildCreatePayload(guild)),
  }).catch(async (error: unknown) => {
    await rest.close();
    throw error;
  });
  gatewayUrl = gateway.url;
  return new FakeDiscord(world, rest, gateway, interactions, commands, settings, channels);
}
