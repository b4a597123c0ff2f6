import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeDiscord, startFakeDiscord } from '../fakeDiscord/index.js';

const TSX = 'node_modules/.bin/tsx';

function run(script: string, env: Record<string, string>): ChildProcess {
  // A clean environment: nothing from the developer's shell or .env decides the outcome.
  return spawn(TSX, [script], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

async function finish(child: ChildProcess): Promise<{ code: number | null; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, stdout, stderr };
}

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

  it('deploy-commands registers /ask and /corpus for the guild and exits 0', async () => {
    const { code, stdout } = await finish(
      run('src/deployCommands.ts', { ...env(), DISCORD_GUILD_ID: fake.guildId }),
    );
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Registered \d+ commands \(.*\/ask.*\/corpus.*\) for guild/);
    expect(fake.commands.list(fake.guildId).map((command) => command.name)).toEqual(
      expect.arrayContaining(['ask', 'corpus']),
    );
  });

  it('deploy-commands exits non-zero when Discord refuses', async () => {
    fake.failNext({ route: 'PUT /applications', status: 500, times: 4 });
    const { code, stderr } = await finish(run('src/deployCommands.ts', env()));
    expect(code).not.toBe(0);
    expect(stderr).toContain('deploy-commands failed');
  });

  it('serves, answers, and on SIGTERM finishes, disconnects and exits 0 without logging the token', async () => {
    const child = run('src/main.ts', env());
    const done = finish(child);
    await fake.waitForReady({ timeoutMs: 15_000 });
    const sent = fake.sendChatInput({
      name: 'ask',
      options: [{ name: 'question', type: 3, value: 'Assad Moscow' }],
    });
    const reply = await fake.waitForResponse(sent.id, { timeoutMs: 10_000 });
    expect((reply.data.embeds as unknown[]).length).toBeGreaterThan(0);
    child.kill('SIGTERM');
    const { code, stdout } = await done;
    expect(code).toBe(0);
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
});
