import { afterAll, describe, expect, it } from 'vitest';
import { startHealthServer } from '../../src/ops/healthServer.js';
import { BotMetrics } from '../../src/ops/metrics.js';

// The operations port over real HTTP on 127.0.0.1 (the whole bot's is in test/bot/startup.e2e.test.ts).
let reason: string | undefined = 'indexing the corpus';
const metrics = new BotMetrics({ articles: () => 3, passages: () => 42, gatewayPingMs: () => -1 });
const server = await startHealthServer(0, '127.0.0.1', {
  notReady: () => reason,
  metrics: () => metrics.scrape(),
});
const get = (path: string, method = 'GET') => fetch(`http://127.0.0.1:${server.port}${path}`, { method });
afterAll(() => server.close());

describe('the health and metrics port', () => {
  it('is healthy while the process runs, and ready only when the bot can serve, saying why not', async () => {
    expect((await get('/healthz')).status).toBe(200);
    const notYet = await get('/readyz');
    expect(notYet.status).toBe(503);
    expect(await notYet.text()).toBe('not ready: indexing the corpus\n');
    reason = undefined;
    expect((await get('/readyz')).status).toBe(200);
  });

  it('serves Prometheus metrics: interactions, refreshes, the library and the process', async () => {
    metrics.interaction('ask', 'answered', 0.012);
    metrics.interaction('ask', 'abstained', 0.004);
    metrics.refresh({ status: 'rejected', ms: 1500 } as Parameters<BotMetrics['refresh']>[0]);
    const response = await get('/metrics');
    const text = await response.text();

    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(text).toMatch(/^excerpt_interactions_total\{command="ask",outcome="answered"\} 1$/m);
    expect(text).toMatch(/^excerpt_interaction_duration_seconds_bucket\{le="0.025",command="ask"\} 2$/m);
    expect(text).toMatch(/^excerpt_refreshes_total\{status="rejected"\} 1$/m);
    expect(text).toMatch(/^excerpt_refresh_duration_seconds_sum 1\.5$/m);
    expect(text).toMatch(/^excerpt_articles 3$/m);
    expect(text).toMatch(/^excerpt_passages 42$/m);
    // Before the first heartbeat: not a number (prom-client writes "Nan"; Prometheus reads it as NaN).
    expect(text).toMatch(/^excerpt_gateway_ping_seconds nan$/im);
    expect(text).toMatch(/^excerpt_nodejs_heap_size_used_bytes \d+/m);
  });

  it('answers nothing else', async () => {
    expect((await get('/')).status).toBe(404);
    expect((await get('/metrics', 'POST')).status).toBe(405);
    expect(await (await get('/healthz', 'HEAD')).text()).toBe('');
  });
});
