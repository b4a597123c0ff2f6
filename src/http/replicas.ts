import cluster from 'node:cluster';
import type { Logger } from '../logger.js';
import type { SelfCommand } from '../selfCommand.js';

/**
 * INTERACTIONS=http with WORKERS above 1: this process forks that many copies of itself, which share
 * PORT through Node's cluster module (connections dealt round-robin), each with its own index. It
 * passes SIGINT and SIGTERM on, and exits once every worker has (0 when they all stopped cleanly).
 * Never returns.
 */
export async function runReplicas(workers: number, logger: Logger, self: SelfCommand): Promise<never> {
  cluster.setupPrimary({ exec: self.file, args: [...self.args] });
  let failed = false;
  let stopping = false;
  // The signal passed on to the workers: one that it ends before it has set up its own handler (still
  // starting) has stopped as asked, not failed.
  let passedOn: NodeJS.Signals | undefined;
  for (let i = 0; i < workers; i++) cluster.fork();
  cluster.on('exit', (worker, code, signal) => {
    if (code !== 0 && !(passedOn !== undefined && signal === passedOn)) failed = true;
    logger.info({ worker: worker.id, code, signal }, 'Worker exited');
    // One gone while the others serve: the rest keep answering; say so, do not restart in a loop.
    if (!stopping)
      logger.error({ worker: worker.id }, 'A worker stopped unexpectedly; the others keep serving');
    if (Object.keys(cluster.workers ?? {}).length === 0) {
      logger.flush();
      process.exit(failed ? 1 : 0);
    }
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(signal, () => {
      stopping = true;
      passedOn = signal;
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
    });
  logger.info({ workers }, 'Serving interactions over HTTP with several workers');
  return new Promise<never>(() => {});
}
