import { applicationPayload } from './payloads.js';
import type { Route } from './rest.js';
import type { FakeWorld } from './world.js';

/** Routes about the bot itself: where the gateway is, who the bot is, its application. */
export function botRoutes(world: FakeWorld, gatewayUrl: () => string, shards: number): Route[] {
  const gatewayBot = () => ({
    status: 200,
    body: {
      url: gatewayUrl(),
      shards,
      // As for a large bot (Discord gives 16): every shard may identify at once.
      session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: shards },
    },
  });
  return [
    { method: 'GET', pattern: '/gateway/bot', auth: true, handle: gatewayBot },
    {
      method: 'GET',
      pattern: '/gateway',
      auth: false,
      handle: () => ({ status: 200, body: { url: gatewayUrl() } }),
    },
    {
      method: 'GET',
      pattern: '/users/@me',
      auth: true,
      handle: () => ({ status: 200, body: world.botUser }),
    },
    {
      method: 'GET',
      pattern: '/applications/@me',
      auth: true,
      handle: () => ({ status: 200, body: applicationPayload(world) }),
    },
  ];
}
