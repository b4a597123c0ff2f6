import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

const BASE = { DISCORD_TOKEN: 'token', DISCORD_CLIENT_ID: '100000000000000001' };

describe('the configuration', () => {
  it('serves interactions over the gateway unless told http, which needs the public key', () => {
    expect(loadConfig(BASE)).toMatchObject({ interactions: 'gateway', port: 8080 });
    expect(() => loadConfig({ ...BASE, INTERACTIONS: 'http' })).toThrow(/DISCORD_PUBLIC_KEY - missing/);
    expect(() => loadConfig({ ...BASE, INTERACTIONS: 'http', DISCORD_PUBLIC_KEY: 'abc' })).toThrow(
      /DISCORD_PUBLIC_KEY - must be 64 hexadecimal characters/,
    );
    expect(() => loadConfig({ ...BASE, INTERACTIONS: 'webhooks' })).toThrow(ConfigError);
    const http = loadConfig({
      ...BASE,
      INTERACTIONS: 'http',
      DISCORD_PUBLIC_KEY: 'ab'.repeat(32),
      PORT: '9000',
    });
    expect(http).toMatchObject({ interactions: 'http', port: 9000, interactionsHost: '0.0.0.0' });
  });

  it('shards the gateway only when told, and knows the shard a ShardingManager started it as', () => {
    expect(loadConfig(BASE)).toMatchObject({ gatewayShards: 1 });
    expect(loadConfig(BASE).shard).toBeUndefined();
    expect(loadConfig({ ...BASE, GATEWAY_SHARDS: 'auto' })).toMatchObject({ gatewayShards: 'auto' });
    expect(loadConfig({ ...BASE, GATEWAY_SHARDS: '4' })).toMatchObject({ gatewayShards: 4 });
    expect(() => loadConfig({ ...BASE, GATEWAY_SHARDS: '0' })).toThrow(/GATEWAY_SHARDS/);
    expect(() =>
      loadConfig({ ...BASE, GATEWAY_SHARDS: '2', INTERACTIONS: 'http', DISCORD_PUBLIC_KEY: 'ab'.repeat(32) }),
    ).toThrow(/GATEWAY_SHARDS - is for INTERACTIONS=gateway/);
    const managed = { ...BASE, GATEWAY_SHARDS: '2', SHARDING_MANAGER: 'true', SHARDS: '1', SHARD_COUNT: '2' };
    expect(loadConfig(managed).shard).toEqual({ id: 1, count: 2 });
    expect(() => loadConfig({ ...managed, SHARDS: '2' })).toThrow(/SHARDS/);
  });

  it('.env.example lists, with a comment, every setting the configuration reads', async () => {
    const source = await readFile('src/config.ts', 'utf8');
    const keys = new Set(
      [...source.matchAll(/\(\s*(?:env,\s*)?'([A-Z][A-Z_]+)'/gu)].map((match) => match[1]),
    );
    const example = await readFile('.env.example', 'utf8');
    expect(keys.size).toBeGreaterThan(15);
    for (const key of keys)
      expect(example, key).toMatch(new RegExp(`#[^\\n]*\\n(?:[^\\n]+\\n)*${key}=`, 'u'));
  });
});
