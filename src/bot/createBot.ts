import {
  Client,
  Events,
  GatewayIntentBits,
  type Interaction,
  Options,
  Routes,
  ShardClientUtil,
} from 'discord.js';
import { type BotMessage, channelMessageBody, notice } from '../discord/responses.js';
import type { Command, CommandServices } from './command.js';
import { Cooldown, type CooldownPolicy } from './cooldown.js';
import { gatewayResponder, toInput } from './gatewayAdapter.js';
import { handleInteraction } from './handleInteraction.js';

const RESTARTING = 'Excerpt is restarting: please ask again in a minute.';

export interface BotOptions extends CommandServices {
  readonly token: string;
  readonly commands: ReadonlyMap<string, Command>;
  readonly cooldownUses: number;
  readonly cooldownSeconds: number;
  /** Counts uses where several processes share users (shards); by default, in this process. */
  readonly cooldown?: CooldownPolicy;
  /** REST base URL (e.g. `http://127.0.0.1:PORT/api`); discord.com when absent. */
  readonly apiUrl?: string;
  /** Tests: skip the identify throttle between reconnects. */
  readonly fastIdentify?: boolean;
  /** Told of every handled interaction (metrics). */
  readonly onHandled?: (command: string, outcome: string, seconds: number) => void;
  /**
   * Where another process may receive the same interactions (two sessions of one shard while a
   * replacement takes over), an interaction is handled only when this claims it first.
   */
  readonly claim?: (interactionId: string) => Promise<boolean> | boolean;
}

export interface Bot {
  readonly client: Client;
  /** Logs in and resolves once the gateway is ready. */
  start(): Promise<void>;
  /** Stops taking interactions, waits for those in flight (up to `graceMs`), then disconnects. */
  stop(graceMs?: number): Promise<void>;
  /** A replacement process is connected and takes the interactions: leave them all to it from now. */
  handOver(): void;
}

/** The discord.js client wired to the command handlers. Needs only the Guilds intent. */
export function createBot(options: BotOptions): Bot {
  const logger = options.logger.child({ module: 'bot' });
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    allowedMentions: { parse: [] },
    // Who asked, their roles and permissions are read from each interaction, never from a cache; by
    // default discord.js would keep every member and user it has seen, in every server, and each
    // channel's last 200 messages, for as long as the bot runs. Only the bot's own stay.
    makeCache: Options.cacheWithLimits({
      ...Options.DefaultMakeCacheSettings,
      MessageManager: 0,
      GuildMemberManager: { maxSize: 0, keepOverLimit: (member) => member.id === member.client.user.id },
      UserManager: { maxSize: 0, keepOverLimit: (user) => user.id === user.client.user.id },
    }),
    ...(options.apiUrl ? { rest: { api: options.apiUrl } } : {}),
    ...(options.fastIdentify
      ? { ws: { buildIdentifyThrottler: () => Promise.resolve({ waitForIdentify: async () => {} }) } }
      : {}),
  });
  const postToChannel = async (channelId: string, message: BotMessage) => {
    await client.rest.post(Routes.channelMessages(channelId), { body: channelMessageBody(message) });
  };
  const deps = {
    ...options,
    logger,
    postToChannel,
    cooldown: options.cooldown ?? new Cooldown(options.cooldownUses, options.cooldownSeconds * 1000),
  };
  const { store } = options.libraries;
  const inFlight = new Set<Promise<void>>();
  let accepting = true;
  let handedOver = false;
  const claimed = async (interactionId: string): Promise<boolean> => {
    if (!options.claim) return true;
    try {
      return await options.claim(interactionId);
    } catch (err) {
      // Better answered twice (the second reply is refused) than not at all.
      logger.warn({ err, interactionId }, 'Could not claim an interaction; handling it anyway');
      return true;
    }
  };

  client.on(Events.InteractionCreate, (interaction: Interaction) => {
    if (
      !interaction.isChatInputCommand() &&
      !interaction.isAutocomplete() &&
      !interaction.isButton() &&
      !interaction.isMessageContextMenuCommand()
    )
      return;
    if (handedOver) return;
    // Read the interaction now: discord.js shares one member object per user, and a later event in
    // the same socket read can update it (roles) before a deferred read would run.
    let input: ReturnType<typeof toInput>;
    try {
      input = toInput(interaction);
    } catch (err) {
      logger.error({ err, interactionId: interaction.id }, 'Could not read the interaction');
      return;
    }
    // In flight from the claim on, so that a hand-over or a stop waits for what this process claimed.
    const work = (async () => {
      if (!(await claimed(interaction.id))) return;
      if (!accepting) {
        // Stopping: say so rather than leave the user with "The application did not respond".
        await (interaction.isAutocomplete()
          ? interaction.respond([])
          : gatewayResponder(interaction).reply(notice(RESTARTING))
        ).catch((err: unknown) => logger.warn({ err }, 'Could not answer an interaction while stopping'));
        return;
      }
      await handleInteraction(input, gatewayResponder(interaction), deps);
    })()
      .catch((err: unknown) => logger.error({ err }, 'Interaction escaped its error boundary'))
      .finally(() => inFlight.delete(work));
    inFlight.add(work);
  });
  // Leaving a server keeps its library (a re-invite restores it) until the retention period passes.
  const remember = (work: Promise<unknown>, what: string, guildId: string) =>
    work.catch((err: unknown) => logger.error({ err, guildId }, `Could not record that the bot ${what}`));
  client.on(Events.GuildDelete, (guild) => {
    void remember(store.markLeft(guild.id), 'left a server', guild.id);
    options.libraries.forget(guild.id);
    logger.info({ guildId: guild.id }, 'Removed from a server: its library is kept for the retention period');
  });
  client.on(Events.GuildCreate, (guild) => {
    void remember(store.markPresent(guild.id), 'joined a server', guild.id);
    logger.info({ guildId: guild.id }, 'Joined a server');
  });
  client.once(Events.ClientReady, () => {
    // Servers that removed the bot while it was offline: of this process's shards only, as the
    // other shards' servers are never in its cache.
    const { shards, shardCount } = client.options;
    const mine = (guildId: string) =>
      !Array.isArray(shards) || shards.includes(ShardClientUtil.shardIdForGuildId(guildId, shardCount ?? 1));
    const reconcile = async () => {
      for (const guildId of await store.presentGuilds())
        if (mine(guildId) && !client.guilds.cache.has(guildId)) await store.markLeft(guildId);
      for (const guildId of client.guilds.cache.keys()) await store.markPresent(guildId);
    };
    void remember(reconcile(), 'left or joined servers while offline', 'all');
  });
  client.on(Events.Error, (err) => logger.error({ err }, 'Discord client error'));
  client.on(Events.ShardResume, (shardId, replayed) => logger.info({ shardId, replayed }, 'Gateway resumed'));
  client.on(Events.ShardDisconnect, (event, shardId) =>
    logger.warn({ shardId, code: event.code }, 'Gateway disconnected'),
  );

  return {
    client,
    async start() {
      const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
      await client.login(options.token);
      await ready;
      logger.info({ user: client.user?.tag, guilds: client.guilds.cache.size }, 'Bot ready');
    },
    async stop(graceMs = 10_000) {
      accepting = false;
      logger.info({ inFlight: inFlight.size }, 'Stopping: finishing interactions in flight');
      // Until the gateway closes, interactions still arrive: they are told the bot is restarting,
      // and those replies are waited for too.
      const deadline = Date.now() + graceMs;
      while (inFlight.size > 0 && Date.now() < deadline) {
        await Promise.race([
          Promise.allSettled([...inFlight]),
          new Promise((resolve) => setTimeout(resolve, deadline - Date.now()).unref()),
        ]);
      }
      await client.destroy();
    },
    handOver() {
      handedOver = true;
      logger.info({ inFlight: inFlight.size }, 'Handed over to the replacement process');
    },
  };
}
