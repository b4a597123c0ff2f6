import { once } from 'node:events';
import { REST, Routes, type Shard, ShardingManager } from 'discord.js';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { type HealthServer, startHealthServer } from '../ops/healthServer.js';
import type { SelfCommand } from '../selfCommand.js';

/** What the manager sends a shard's process once its replacement is connected (see Bot.handOver). */
export const HAND_OVER = 'excerpt:hand-over';

/** Whether a message from the manager is {@link HAND_OVER}. */
export function isHandOver(message: unknown): boolean {
  return typeof message === 'object' && message !== null && HAND_OVER in message;
}

/** How long a replacement shard may take to connect (indexing a large corpus included). */
const REPLACEMENT_READY_MS = 10 * 60_000;

interface GatewayBot {
  readonly shards: number;
  readonly session_start_limit: { readonly max_concurrency: number };
}

/**
 * GATEWAY_SHARDS above 1 (or auto): this process starts one process per shard with discord.js's
 * ShardingManager, each running this same entry point as a gateway bot for its shard, and restarts
 * any that dies. SIGHUP replaces the shards one at a time: the replacement connects while the old
 * process still answers, then the old one hands over and finishes what it started, so no interaction
 * goes unanswered (the two claim each interaction in the shared store; see LibraryStore). SIGINT and
 * SIGTERM stop every shard the same gentle way. Never returns.
 */
export async function runShards(config: Config, logger: Logger, self: SelfCommand): Promise<never> {
  const rest = new REST(config.discordApiUrl ? { api: config.discordApiUrl } : {}).setToken(
    config.discordToken,
  );
  const gateway = (await rest.get(Routes.gatewayBot())) as GatewayBot;
  const count = config.gatewayShards === 'auto' ? gateway.shards : config.gatewayShards;
  // Discord lets max_concurrency shards identify at once; beyond that, one per 5 seconds.
  const delay = gateway.session_start_limit.max_concurrency >= count ? 0 : 5_500;
  const manager = new ShardingManager(self.file, {
    shardArgs: [...self.args],
    totalShards: count,
    token: config.discordToken,
    mode: 'process',
    respawn: true,
    execArgv: process.execArgv,
  });
  let stopping = false;
  let restarting = false;
  manager.on('shardCreate', (shard) => {
    // One operations port each: HEALTH_PORT is this process's, shard N's is HEALTH_PORT+1+N.
    const env = shard.env as Record<string, string | undefined>;
    if (config.healthPort === undefined) delete env.HEALTH_PORT;
    else env.HEALTH_PORT = String(config.healthPort + 1 + shard.id);
    const log = logger.child({ shard: shard.id });
    shard.on('spawn', (child) =>
      log.info({ pid: 'pid' in child ? child.pid : undefined }, 'Shard process started'),
    );
    shard.on('ready', () => log.info('Shard ready'));
    shard.on('death', (child) => {
      const exitCode = 'exitCode' in child ? child.exitCode : undefined;
      if (stopping || restarting) log.info({ exitCode }, 'Shard process exited');
      else log.warn({ exitCode }, 'Shard process exited; it is started again');
    });
    shard.on('error', (err) => log.error({ err }, 'Shard error'));
  });

  const health: HealthServer | undefined =
    config.healthPort === undefined
      ? undefined
      : await startHealthServer(config.healthPort, config.healthHost, {
          notReady: () =>
            stopping
              ? 'shutting down'
              : manager.shards.size < count || [...manager.shards.values()].some((shard) => !shard.ready)
                ? 'shards connecting'
                : undefined,
          // Each shard serves its own metrics on its port.
          metrics: async () => ({ body: '', contentType: 'text/plain; version=0.0.4; charset=utf-8' }),
        }).catch((err: unknown) => {
          logger.fatal({ err, port: config.healthPort }, 'Could not open HEALTH_PORT');
          logger.flush();
          process.exit(1);
        });

  const replaceAll = async () => {
    if (restarting || stopping) return;
    restarting = true;
    logger.info({ shards: count }, 'Replacing the shards one at a time');
    for (const id of [...manager.shards.keys()].sort((a, b) => a - b)) {
      const old = manager.shards.get(id);
      const fresh = manager.createShard(id);
      try {
        await fresh.spawn(REPLACEMENT_READY_MS);
      } catch (err) {
        logger.error(
          { err, shard: id },
          'The replacement shard did not connect; the old process keeps serving',
        );
        fresh.kill();
        if (old) manager.shards.set(id, old);
        continue;
      }
      if (old) {
        await old.send({ [HAND_OVER]: true }).catch(() => undefined);
        await stopShard(old);
      }
    }
    restarting = false;
    logger.info('Every shard replaced');
  };
  process.on('SIGHUP', () => void replaceAll());
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(signal, () => {
      stopping = true;
      logger.info({ signal }, 'Stopping every shard');
      void Promise.all([...manager.shards.values()].map(stopShard)).then(async () => {
        await health?.close();
        logger.info('Stopped');
        logger.flush();
        process.exit(0);
      });
    });

  logger.info({ shards: count, delayMs: delay }, 'Starting the gateway shards');
  await manager.spawn({ amount: count, delay, timeout: -1 });
  return new Promise<never>(() => {});
}

/** Asks a shard's process to stop (SIGTERM: it finishes its interactions) and waits until it has. */
async function stopShard(shard: Shard): Promise<void> {
  const child = shard.process;
  if (!child || child.exitCode !== null) return;
  const exited = once(child, 'exit');
  shard.kill();
  await exited;
}
