import { join } from 'node:path';
import dotenv from 'dotenv';
import { commands } from '../commands/index.js';
import { createBot } from './bot/createBot.js';
import { type Config, ConfigError, loadConfig } from './config.js';
import { formatProblem } from './corpus/article.js';
import { watchCorpus } from './corpusWatcher.js';
import { EngineStore } from './engineStore.js';
import { Libraries } from './library/libraries.js';
import { createLogger } from './logger.js';
import { DATABASE_FILE, LibraryStore } from './store/libraryStore.js';

// `npm start`: the bot. Settings come from the environment, or from .env beside package.json.
dotenv.config({ quiet: true });

const NO_TOKEN_HELP = `Excerpt needs a Discord bot token to connect. Copy .env.example to .env and set DISCORD_TOKEN (Developer Portal → your application → Bot → Reset Token) and DISCORD_CLIENT_ID (General Information → Application ID), then run "npm run deploy-commands" once and "npm start" again. Meanwhile you can try the same engine without Discord: npm run ask -- "Will Putin meet Trump?"`;

function readConfig(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(
        error.key === 'DISCORD_TOKEN'
          ? NO_TOKEN_HELP
          : `${error.message}\nSee .env.example for every setting.`,
      );
      process.exit(1);
    }
    throw error;
  }
}

const config = readConfig();
const logger = createLogger(config.logLevel);
process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'Unhandled promise rejection'));

const store = await EngineStore.open(config.corpusDir, {
  snapshot: true,
  onSnapshotError: (err) => logger.warn({ err }, 'Index snapshot not saved; the bot still serves'),
});
for (const problem of store.engine.corpus.problems)
  logger.warn({ problem: formatProblem(problem) }, 'Corpus file skipped');
logger.info(
  {
    articles: store.engine.corpus.articles.length,
    chunks: store.engine.index.passageCount,
    ms: Math.round(store.engine.buildMs),
  },
  'Corpus indexed',
);

// Server libraries, settings and the audit trail; see src/store/libraryStore.ts.
const libraryStore = LibraryStore.open(join(config.dataDir, DATABASE_FILE));
// Changes to the shared folder still marked started were cut short by the last stop.
for (const entry of libraryStore.interruptStarted())
  logger.warn(
    { action: entry.action, guildId: entry.guildId, userId: entry.userId, detail: entry.detail },
    'A change to the shared library was interrupted when the bot stopped: check the corpus folder',
  );
const libraries = new Libraries(store, libraryStore, { maxCachedServers: config.serverLibrariesInMemory });
const retentionMs = config.retentionDays * 24 * 3600 * 1000;
const purge = () => {
  for (const guildId of libraryStore.purgeLeftBefore(retentionMs))
    logger.info(
      { guildId, retentionDays: config.retentionDays },
      'Deleted the library of a server the bot left',
    );
};
purge();
const purgeTimer = setInterval(purge, 6 * 3600 * 1000).unref();

const bot = createBot({
  token: config.discordToken,
  commands,
  libraries,
  logger,
  homeGuildIds: config.homeGuildIds,
  moderatorRoleIds: config.moderatorRoleIds,
  allowPrivateUrls: config.allowPrivateUrls,
  cooldownUses: config.cooldownUses,
  cooldownSeconds: config.cooldownSeconds,
  ...(config.discordApiUrl ? { apiUrl: config.discordApiUrl } : {}),
});

const watcher = config.corpusWatch ? watchCorpus(store, logger) : undefined;

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'Shutting down');
  watcher?.close();
  clearInterval(purgeTimer);
  await bot.stop();
  libraryStore.close();
  logger.info('Stopped');
  logger.flush();
  process.exit(0);
}
process.once('SIGINT', () => void shutdown('SIGINT'));
process.once('SIGTERM', () => void shutdown('SIGTERM'));

await bot.start().catch((err: unknown) => {
  logger.fatal({ err }, 'Could not connect to Discord: check DISCORD_TOKEN');
  logger.flush();
  process.exit(1);
});
