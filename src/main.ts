import cluster from 'node:cluster';
import dotenv from 'dotenv';
import { describeLoginError } from './bot/loginError.js';
import { type Config, ConfigError, loadConfig } from './config.js';
import { createLogger } from './logger.js';
import { selfCommand } from './selfCommand.js';

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
const rootLogger = createLogger(config.logLevel);
// How shards and workers start this program again (see selfCommand).
const self = selfCommand(import.meta.url, 'src/main.ts');
// Several workers share the interactions port; this process only starts and stops them.
if (config.interactions === 'http' && config.workers > 1 && cluster.isPrimary) {
  const { runReplicas } = await import('./http/replicas.js');
  await runReplicas(config.workers, rootLogger, self);
}
// Several gateway shards, each a process running this file; this process only starts and stops them.
if (config.interactions === 'gateway' && config.gatewayShards !== 1 && !config.shard) {
  const { runShards } = await import('./bot/shards.js');
  await runShards(config, rootLogger, self).catch((err: unknown) => {
    rootLogger.fatal({ err }, describeLoginError(err));
    rootLogger.flush();
    process.exit(1);
  });
}
// Loaded only by a process that serves: the index, the store and the bot.
const { serve } = await import('./serve.js');
await serve(config, rootLogger);
