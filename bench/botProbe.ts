import { monitorEventLoopDelay } from 'node:perf_hooks';

// Preloaded into the bot's process by the load driver (`node --import tsx --import bench/botProbe.ts
// src/main.ts`): measures the bot's own event-loop delay and memory, and answers the driver over the
// IPC channel. Nothing in src/ knows about it; without an IPC channel it does nothing.

/** What the probe answers to `{ type: 'probe', reset }`. */
export interface ProbeReading {
  readonly type: 'probe';
  /** Event-loop delay since the last reset, ms. */
  readonly eventLoopP50Ms: number;
  readonly eventLoopP99Ms: number;
  readonly eventLoopMaxMs: number;
  readonly rssMB: number;
  readonly heapUsedMB: number;
}

const NS_PER_MS = 1e6;
const MB = 1024 * 1024;

if (process.send) {
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  histogram.enable();
  process.on('message', (message: { type?: string; reset?: boolean }) => {
    if (message?.type !== 'probe') return;
    const memory = process.memoryUsage();
    const reading: ProbeReading = {
      type: 'probe',
      eventLoopP50Ms: histogram.percentile(50) / NS_PER_MS,
      eventLoopP99Ms: histogram.percentile(99) / NS_PER_MS,
      eventLoopMaxMs: histogram.max / NS_PER_MS,
      rssMB: memory.rss / MB,
      heapUsedMB: memory.heapUsed / MB,
    };
    if (message.reset) histogram.reset();
    process.send?.(reading);
  });
  // The channel must not keep the bot alive once it wants to exit.
  process.channel?.unref();
}
