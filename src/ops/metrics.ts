import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { RefreshReport } from '../engineStore.js';

/** What the gauges read when Prometheus scrapes: the library served now and the gateway. */
export interface MetricSources {
  readonly articles: () => number;
  readonly passages: () => number;
  /** Gateway heartbeat round trip in milliseconds; -1 before the first heartbeat. */
  readonly gatewayPingMs: () => number;
}

/**
 * The bot's Prometheus metrics (prom-client): interactions by command and outcome with their latency,
 * refreshes of the shared library with their duration, the library's size, the gateway ping, and
 * Node's own (heap, event loop lag, GC) under `excerpt_process_…` and `excerpt_nodejs_…`.
 */
export class BotMetrics {
  readonly registry = new Registry();
  private readonly interactions = new Counter({
    name: 'excerpt_interactions_total',
    help: 'Interactions handled, by command and outcome (answered, abstained, refused, error, …).',
    labelNames: ['command', 'outcome'] as const,
    registers: [this.registry],
  });
  private readonly latency = new Histogram({
    name: 'excerpt_interaction_duration_seconds',
    help: 'Time from receiving an interaction to its reply, by command.',
    labelNames: ['command'] as const,
    // Discord allows 3 s before the first reply.
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });
  private readonly refreshes = new Counter({
    name: 'excerpt_refreshes_total',
    help: 'Refreshes of the shared library, by status (applied, rejected).',
    labelNames: ['status'] as const,
    registers: [this.registry],
  });
  private readonly refreshSeconds = new Histogram({
    name: 'excerpt_refresh_duration_seconds',
    help: 'Time to re-read the corpus folder and rebuild the index.',
    buckets: [0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120],
    registers: [this.registry],
  });

  /** @param labels put on every metric, e.g. which gateway shard this process is */
  constructor(sources: MetricSources, labels: Readonly<Record<string, string>> = {}) {
    this.registry.setDefaultLabels({ ...labels });
    const gauge = (name: string, help: string, read: () => number) =>
      new Gauge({
        name,
        help,
        registers: [this.registry],
        collect() {
          this.set(read());
        },
      });
    gauge('excerpt_articles', 'Articles in the shared library served now.', sources.articles);
    gauge('excerpt_passages', 'Passages (search windows) in the shared index served now.', sources.passages);
    gauge('excerpt_gateway_ping_seconds', 'Discord gateway heartbeat round trip.', () =>
      sources.gatewayPingMs() < 0 ? Number.NaN : sources.gatewayPingMs() / 1000,
    );
    collectDefaultMetrics({ register: this.registry, prefix: 'excerpt_' });
  }

  interaction(command: string, outcome: string, seconds: number): void {
    this.interactions.inc({ command, outcome });
    this.latency.observe({ command }, seconds);
  }

  refresh(report: RefreshReport): void {
    this.refreshes.inc({ status: report.status });
    this.refreshSeconds.observe(report.ms / 1000);
  }

  /** The text format Prometheus scrapes, and its content type. */
  async scrape(): Promise<{ body: string; contentType: string }> {
    return { body: await this.registry.metrics(), contentType: this.registry.contentType };
  }
}
