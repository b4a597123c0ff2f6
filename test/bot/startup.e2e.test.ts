import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeDiscord, startFakeDiscord } from '../fakeDiscord/index.js';
import { applicationKeys, pingBody } from '../fakeDiscord/signing.js';
import { tempFolderForTest } from '../tempFolder.js';
import { finish, freePort, poll, processesWith, run } from './botProcess.js';

describe('npm start', () => {
  it('exits 1 with one clear paragraph when there is no token', async () => {
    const { code, stderr } = await finish(run('src/main.ts', {}));
    expect(code).toBe(1);
    expect(stderr).toContain(
      'Excerpt needs a Discord bot token to connect. Copy .env.example to .env and set DISCORD_TOKEN',
    );
    expect(stderr).toContain('npm run ask -- "Will Putin meet Trump?"');
  });

  it('names the bad setting and exits 1', async () => {
    const { code, stderr } = await finish(
      run('src/main.ts', { DISCORD_TOKEN: 'x', DISCORD_CLIENT_ID: 'not-an-id' }),
    );
    expect(code).toBe(1);
    expect(stderr).toContain('[ENV] DISCORD_CLIENT_ID - must be a Discord id');
  });
});

describe('npm start without what it needs', () => {
  const settings = { DISCORD_TOKEN: 'x', DISCORD_CLIENT_ID: '123456789012345678' };

  it('says the corpus folder is missing, without a stack trace', async () => {
    const { code, stdout } = await finish(run('src/main.ts', { ...settings, CORPUS_DIR: 'no-such-folder' }));
    expect(code).toBe(1);
    expect(stdout).toContain('The corpus folder \\"no-such-folder\\" does not exist');
    expect(stdout).not.toMatch(/ENOENT|at .*\.ts:\d+/);
  });

  it('says Discord cannot be reached, not that the token is wrong', async () => {
    const port = await freePort(); // nothing listens there
    const { code, stdout } = await finish(
      run('src/main.ts', {
        ...settings,
        DISCORD_API_URL: `http://127.0.0.1:${port}/api`,
        DATA_DIR: await tempFolderForTest('excerpt-offline-'),
      }),
    );
    expect(code).toBe(1);
    expect(stdout).toContain('Could not reach Discord (ECONNREFUSED)');
    expect(stdout).not.toContain('DISCORD_TOKEN');
  }, 30_000);
});

describe('the bot process against the fake Discord', () => {
  let fake: FakeDiscord;
  let dataDir: string;
  beforeAll(async () => {
    fake = await startFakeDiscord();
    dataDir = await mkdtemp(join(tmpdir(), 'excerpt-startup-'));
  });
  afterAll(async () => {
    await fake.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  const env = () => ({
    DISCORD_TOKEN: fake.token,
    DISCORD_CLIENT_ID: fake.applicationId,
    DISCORD_API_URL: fake.apiUrl,
    DATA_DIR: dataDir,
    LOG_LEVEL: 'info',
  });

  it('deploy-commands registers the slash commands and the message menu commands for the guild and exits 0', async () => {
    const { code, stdout } = await finish(
      run('src/deployCommands.ts', { ...env(), DISCORD_GUILD_ID: fake.guildId }),
    );
    expect(code).toBe(0);
    expect(stdout).toMatch(
      /^Registered \d+ commands \(.*\/ask.*\/corpus.*\/help.*“Check quote”.*\) for guild/,
    );
    expect(fake.commands.list(fake.guildId).map((command) => command.name)).toEqual(
      expect.arrayContaining(['ask', 'corpus', 'help', 'Check quote', 'Find in articles']),
    );
  });

  it('deploy-commands exits non-zero when Discord refuses', async () => {
    fake.failNext({ route: 'PUT /applications', status: 500, times: 4 });
    const { code, stderr } = await finish(run('src/deployCommands.ts', env()));
    expect(code).not.toBe(0);
    expect(stderr).toContain('deploy-commands failed');
  });

  it('serves, answers, reports health and metrics, and on SIGTERM exits 0 leaving no process behind', async () => {
    const port = await freePort();
    const child = run('src/main.ts', { ...env(), HEALTH_PORT: String(port) });
    const done = finish(child);
    const base = `http://127.0.0.1:${port}`;
    expect((await poll(`${base}/healthz`, (status) => status === 200)).status).toBe(200);
    await fake.waitForReady({ timeoutMs: 15_000 });
    expect(await (await poll(`${base}/readyz`, (status) => status === 200)).text()).toBe('ready\n');
    const sent = fake.sendChatInput({
      name: 'ask',
      options: [{ name: 'question', type: 3, value: 'Assad Moscow' }],
    });
    const reply = await fake.waitForResponse(sent.id, { timeoutMs: 10_000 });
    expect((reply.data.embeds as unknown[]).length).toBeGreaterThan(0);
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toMatch(/^excerpt_interactions_total\{command="ask",outcome="answered"\} 1$/m);
    expect(metrics).toMatch(/^excerpt_interaction_duration_seconds_count\{command="ask"\} 1$/m);
    expect(metrics).toMatch(/^excerpt_articles 1$/m);
    expect(metrics).toMatch(/^excerpt_passages \d+$/m);
    expect(metrics).toMatch(/^excerpt_gateway_ping_seconds /m);
    child.kill('SIGTERM');
    const { code, stdout } = await done;
    expect(code).toBe(0);
    expect(processesWith(`DATA_DIR=${dataDir}`)).toEqual([]);
    const messages = stdout
      .trim()
      .split('\n')
      .map((line) => (JSON.parse(line) as { msg: string }).msg);
    expect(messages).toEqual(
      expect.arrayContaining([
        'Corpus indexed',
        'Bot ready',
        'Interaction handled',
        'Shutting down',
        'Stopped',
      ]),
    );
    expect(stdout).not.toContain(fake.token);
  });

  it('with INTERACTIONS=http serves signed interactions on PORT without the gateway, and exits 0 on SIGTERM', async () => {
    const keys = applicationKeys();
    const [port, healthPort] = [await freePort(), await freePort()];
    const child = run('src/main.ts', {
      ...env(),
      INTERACTIONS: 'http',
      DISCORD_PUBLIC_KEY: keys.publicHex,
      PORT: String(port),
      INTERACTIONS_HOST: '127.0.0.1',
      HEALTH_PORT: String(healthPort),
    });
    const done = finish(child);
    expect(
      await (await poll(`http://127.0.0.1:${healthPort}/readyz`, (status) => status === 200)).text(),
    ).toBe('ready\n');
    const body = pingBody(fake.applicationId);
    const response = await fetch(`http://127.0.0.1:${port}/interactions`, {
      method: 'POST',
      headers: keys.headers(body),
      body,
    });
    expect(await response.json()).toEqual({ type: 1 });
    child.kill('SIGTERM');
    const { code, stdout } = await done;
    expect(code).toBe(0);
    expect(stdout).toContain('Serving interactions over HTTP');
    expect(stdout).not.toContain('Bot ready');
  });

  it('with WORKERS=2 its workers, started again through the same launcher, answer on PORT, and all exit 0 on SIGTERM', async () => {
    const keys = applicationKeys();
    const port = await freePort();
    const child = run('src/main.ts', {
      ...env(),
      INTERACTIONS: 'http',
      WORKERS: '2',
      DISCORD_PUBLIC_KEY: keys.publicHex,
      PORT: String(port),
      INTERACTIONS_HOST: '127.0.0.1',
    });
    const done = finish(child);
    const body = pingBody(fake.applicationId);
    const deadline = Date.now() + 15_000;
    let answer: unknown;
    while (answer === undefined && Date.now() < deadline) {
      answer = await fetch(`http://127.0.0.1:${port}/interactions`, {
        method: 'POST',
        headers: keys.headers(body),
        body,
      })
        .then((response) => response.json())
        .catch(() => new Promise((resolve) => setTimeout(() => resolve(undefined), 100)));
    }
    expect(answer).toEqual({ type: 1 });
    child.kill('SIGTERM');
    const { code, stdout } = await done;
    expect(code).toBe(0);
    expect(stdout).toContain('Serving interactions over HTTP with several workers');
  }, 30_000);

  it('with WORKERS=2 exits 0 on a SIGTERM that comes while its workers are still starting', async () => {
    const keys = applicationKeys();
    const child = run('src/main.ts', {
      ...env(),
      INTERACTIONS: 'http',
      WORKERS: '2',
      DISCORD_PUBLIC_KEY: keys.publicHex,
      PORT: String(await freePort()),
      INTERACTIONS_HOST: '127.0.0.1',
    });
    const done = finish(child);
    // The primary has forked its workers; they are still loading the index.
    await new Promise<void>((resolve) =>
      child.stdout?.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('several workers')) resolve();
      }),
    );
    child.kill('SIGTERM');
    const { code, stdout } = await done;
    expect(stdout).toContain('"signal":"SIGTERM","msg":"Worker exited"');
    expect(code).toBe(0);
  }, 30_000);
});
