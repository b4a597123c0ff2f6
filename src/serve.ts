import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { commands } from '../commands/index.js';
import { prepareServing } from './answer/prepareAnswering.js';
import { Cooldown, SharedCooldown } from './bot/cooldown.js';
import { type Bot, createBot } from './bot/createBot.js';
import { describeLoginError } from './bot/loginError.js';
import { isHandOver } from './bot/shards.js';
import type { Config } from './config.js';
import { runToEnd } from './cooperative.js';
import { formatProblem } from './corpus/article.js';
import { CorpusFolderMissing } from './corpus/readCorpusFiles.js';
import { watchCorpus } from './corpusWatcher.js';
import { EngineStore, readySteps } from './engineStore.js';
import { channelPoster } from './http/channelPoster.js';
import { type InteractionsServer, startInteractionsServer } from './http/interactionsServer.js';
import { publicKeyFromHex } from './http/verifyRequest.js';
import { Libraries } from './library/libraries.js';
import type { Logger } from './logger.js';
import { type HealthServer, openWhenFree, startHealthServer } from './ops/healthServer.js';
import { BotMetrics } from './ops/metrics.js';
import { DATABASE_FILE, LibraryStore } from './store/libraryStore.js';
import { wordVectorsAvailable } from './text/wordNeighbours.js';
import { synonymsAvailable } from './text/wordnetSynonyms.js';

/**
 * The bot's process (or one shard's, or one HTTP worker's): the operations port, the corpus and its
 * index, the store, and interactions over the gateway or HTTP, until SIGINT or SIGTERM. The manager
 * of shards and workers never loads this (see main.ts), so it stays small.
 */
export async function serve(config: Config, rootLogger: Logger): Promise<void> {
  // A shard says which it is in every log line and metric.
  const logger = config.shard ? rootLogger.child({ shard: config.shard.id }) : rootLogger;
  // Processes that share users and servers' state (workers, shards, or replicas on other machines
  // sharing a PostgreSQL store): counted and claimed in the store they share.
  const sameMachineProcesses = config.workers > 1 || config.shard !== undefined;
  const sharedProcesses = sameMachineProcesses || config.databaseUrl !== undefined;
  process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'Unhandled promise rejection'));

  // The operations port opens first, so that /healthz answers and /readyz says why not while a large
  // corpus is indexed.
  let store: EngineStore | undefined;
  let bot: Bot | undefined;
  let endpoint: InteractionsServer | undefined;
  let stopping = false;
  const metrics = new BotMetrics(
    {
      articles: () => store?.engine.corpus.articles.length ?? 0,
      passages: () => store?.engine.index.passageCount ?? 0,
      gatewayPingMs: () => bot?.client.ws.ping ?? -1,
    },
    config.shard ? { shard: String(config.shard.id) } : {},
  );
  const healthChecks = {
    notReady: () =>
      stopping
        ? 'shutting down'
        : !store
          ? 'indexing the corpus'
          : config.interactions === 'http'
            ? endpoint
              ? undefined
              : 'opening the interactions endpoint'
            : !bot?.client.isReady()
              ? 'not connected to the Discord gateway'
              : undefined,
    metrics: () => metrics.scrape(),
  };
  let health: HealthServer | undefined;
  const served = (opened: HealthServer) => {
    health = opened;
    logger.info({ port: opened.port, host: config.healthHost }, 'Health and metrics served');
  };
  if (config.healthPort !== undefined && config.shard) {
    // A shard replacing another starts while the old process still holds the port: it takes the port
    // once free, and meanwhile serves.
    void openWhenFree(() => startHealthServer(config.healthPort ?? 0, config.healthHost, healthChecks), {
      isStopping: () => stopping,
      onBusy: () => logger.info({ port: config.healthPort }, 'HEALTH_PORT busy; taking it once free'),
    })
      .then((opened) => opened && served(opened))
      .catch((err: unknown) => logger.error({ err, port: config.healthPort }, 'Could not open HEALTH_PORT'));
  } else if (config.healthPort !== undefined) {
    served(
      await startHealthServer(config.healthPort, config.healthHost, healthChecks).catch((err: unknown) => {
        logger.fatal({ err, port: config.healthPort }, 'Could not open HEALTH_PORT');
        logger.flush();
        process.exit(1);
      }),
    );
  }

  const opening = EngineStore.open(config.corpusDir, {
    snapshot: true,
    onSnapshotError: (err) => logger.warn({ err }, 'Index snapshot not saved; the bot still serves'),
    onRefreshed: (report) => metrics.refresh(report),
  }).catch((err: unknown) => {
    // A missing folder is the operator's to fix: one line, no stack.
    if (err instanceof CorpusFolderMissing) logger.fatal({ corpusDir: err.dir }, err.message);
    else logger.fatal({ err }, 'Could not read the corpus');
    logger.flush();
    process.exit(1);
  });
  // The word lists every answer needs, loaded while the index's file is read in another thread:
  // loaded on first use instead, they held the event loop for half a second (the first question,
  // or the first step of preparing for refreshes).
  prepareServing();
  store = await opening;
  for (const problem of store.engine.corpus.problems)
    logger.warn({ problem: formatProblem(problem) }, 'Corpus file skipped');
  if (store.engine.corpus.articles.length === 0)
    logger.warn(
      { corpusDir: config.corpusDir },
      "The shared library has no articles: questions will be answered only from servers' own libraries. Add some with npm run corpus -- add URL, or /library add in a home server",
    );
  logger.info(
    {
      articles: store.engine.corpus.articles.length,
      chunks: store.engine.index.passageCount,
      ms: Math.round(store.engine.buildMs),
    },
    'Corpus indexed',
  );
  // Quotes restored from a snapshot are parsed on first use (for npm run ask, which never reads them):
  // here, before the bot answers anyone, rather than during someone's first /quote.
  store.engine.quotes.listQuotes();
  // Likewise the look-ups for typos and paraphrases (0.1 s at 1,000 articles): after a refresh, the
  // store makes them in slices.
  runToEnd(readySteps(store.engine.index));
  // Loaded above (prepareServing).
  if (!wordVectorsAvailable() || !synonymsAvailable())
    logger.warn(
      'Word vectors or WordNet synonyms not built: paraphrases are not bridged (npm run vectors builds them)',
    );
  if (store.engine.source === 'snapshot') {
    // In the background: until it is done, a refresh does this work itself, and the first /quote
    // builds the quotes' word matcher itself.
    const preparing = performance.now();
    store.engine.quotes
      .prepareMatcher()
      .then(() => store.prepareForRefresh())
      .then(
        () => logger.info({ ms: Math.round(performance.now() - preparing) }, 'Ready for quick refreshes'),
        (err: unknown) =>
          logger.warn(
            { err },
            'Could not prepare for quick refreshes; the next refresh analyses every article',
          ),
      );
  }

  // Server libraries, settings, the audit trail, cooldowns; see src/store/libraryStore.ts.
  const storeLog = logger.child({ module: 'store' });
  const libraryStore = await LibraryStore.open(
    config.databaseUrl ? { postgresUrl: config.databaseUrl } : join(config.dataDir, DATABASE_FILE),
    {
      onProblem: (err, message) => storeLog.warn({ err }, message),
      onRecovered: (message) => storeLog.info(message),
    },
  ).catch((err: unknown) => {
    logger.fatal(
      { err },
      config.databaseUrl
        ? 'Could not open the database at DATABASE_URL'
        : 'Could not open the database in DATA_DIR',
    );
    logger.flush();
    process.exit(1);
  });
  if (
    config.databaseUrl &&
    existsSync(join(config.dataDir, DATABASE_FILE)) &&
    (await libraryStore.guildsWithArticles()).length === 0
  )
    storeLog.warn(
      { dataDir: config.dataDir },
      'The PostgreSQL store has no server libraries, but DATA_DIR has a SQLite store: to keep them, stop the bot and run npm run corpus -- copy-store',
    );
  const libraries = new Libraries(store, libraryStore, {
    maxCachedServers: config.serverLibrariesInMemory,
    onStale: (guildId, err) =>
      storeLog.warn({ err, guildId }, 'Could not read a server library again: serving the last one read'),
  });
  const retentionMs = config.retentionDays * 24 * 3600 * 1000;
  // Changes to the shared folder still marked started were cut short when their process stopped. A
  // process alone knows at start-up that none is running; processes sharing the store wait until a
  // change would have ended long ago (a late finish still corrects its entry).
  const interruptedAfterMs = sharedProcesses ? 15 * 60 * 1000 : 0;
  const housekeeping = async () => {
    for (const entry of await libraryStore.interruptStarted(interruptedAfterMs))
      logger.warn(
        { action: entry.action, guildId: entry.guildId, userId: entry.userId, detail: entry.detail },
        'A change to the shared library was interrupted when the bot stopped: check the corpus folder',
      );
    for (const guildId of await libraryStore.purgeLeftBefore(retentionMs))
      logger.info(
        { guildId, retentionDays: config.retentionDays },
        'Deleted the library of a server the bot left',
      );
  };
  await housekeeping();
  const housekeepingTimer = setInterval(
    () => void housekeeping().catch((err: unknown) => storeLog.error({ err }, 'Store housekeeping failed')),
    interruptedAfterMs > 0 ? interruptedAfterMs : 6 * 3600 * 1000,
  ).unref();

  // A cooldown counted in this process, or, where several processes share users, in their store.
  const cooldownFor = (shared: boolean) =>
    shared
      ? new SharedCooldown(libraryStore, config.cooldownUses, config.cooldownSeconds * 1000, (err) =>
          storeLog.warn({ err }, 'Could not count a cooldown in the store: the use is allowed'),
        )
      : new Cooldown(config.cooldownUses, config.cooldownSeconds * 1000);
  const services = {
    commands,
    libraries,
    logger,
    homeGuildIds: config.homeGuildIds,
    moderatorRoleIds: config.moderatorRoleIds,
    allowPrivateUrls: config.allowPrivateUrls,
    onHandled: (command: string, outcome: string, seconds: number) =>
      metrics.interaction(command, outcome, seconds),
  };
  if (config.interactions === 'http') {
    // Discord POSTs interactions here; no gateway connection at all.
    const apiUrl = config.discordApiUrl ?? 'https://discord.com/api';
    endpoint = await startInteractionsServer({
      port: config.port,
      host: config.interactionsHost,
      publicKey: publicKeyFromHex(config.discordPublicKey ?? ''),
      applicationId: config.discordClientId,
      apiUrl,
      deps: {
        ...services,
        // Several workers count a user's uses together, in the store they share.
        cooldown: cooldownFor(sharedProcesses),
        postToChannel: channelPoster(apiUrl, config.discordToken),
      },
    }).catch((err: unknown) => {
      logger.fatal({ err, port: config.port }, 'Could not open PORT for interactions');
      logger.flush();
      process.exit(1);
    });
    logger.info({ port: endpoint.port, host: config.interactionsHost }, 'Serving interactions over HTTP');
  } else {
    bot = createBot({
      ...services,
      token: config.discordToken,
      cooldownUses: config.cooldownUses,
      cooldownSeconds: config.cooldownSeconds,
      ...(config.discordApiUrl ? { apiUrl: config.discordApiUrl } : {}),
      cooldown: cooldownFor(config.shard !== undefined),
      ...(config.shard
        ? {
            // While a replacement takes over, both processes receive this shard's interactions.
            claim: (interactionId: string) => libraryStore.claimInteraction(interactionId),
          }
        : {}),
    });
    const current = bot;
    process.on('message', (message) => {
      if (isHandOver(message)) current.handOver();
    });
  }

  // Several workers or shards each hold the shared index: each follows the folder, so that a change
  // made through one (/library add in a home server) is served by all (tested within 5 s).
  const watcher = config.corpusWatch || sameMachineProcesses ? watchCorpus(store, logger) : undefined;
  // Replicas on other machines, with the corpus folder on a shared volume, hear of a change made
  // through one of them from the PostgreSQL store (file events do not cross machines).
  const shared = store;
  libraryStore.onSharedChange(() => {
    storeLog.info('Another process changed the shared library: refreshing');
    void shared
      .refresh()
      .then((report) =>
        storeLog.info(
          { status: report.status, added: report.added, changed: report.changed, removed: report.removed },
          'Shared library refreshed',
        ),
      )
      .catch((err: unknown) => storeLog.error({ err }, 'Refreshing after another process’s change failed'));
  });

  async function shutdown(signal: string): Promise<void> {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'Shutting down');
    watcher?.close();
    clearInterval(housekeepingTimer);
    await bot?.stop();
    await endpoint?.close();
    await health?.close();
    await libraryStore.close();
    logger.info('Stopped');
    logger.flush();
    process.exit(0);
  }
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));

  await bot?.start().catch((err: unknown) => {
    logger.fatal({ err }, describeLoginError(err));
    logger.flush();
    process.exit(1);
  });
}
