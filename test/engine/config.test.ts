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
