import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyBundledCorpus } from '../bundledCorpus.js';
import { type FakeDiscord, Permission, startFakeDiscord } from '../fakeDiscord/index.js';
import { type LocalServer, startLocalServer } from '../ingest/localServer.js';
import { freePort, poll, processesWith, run } from './botProcess.js';

type Embed = { title?: string; description?: string };
type Guild = 'main' | 'other';
interface LogLine {
  msg: string;
  shard?: number;
  guildId?: string;
  interactionId?: string;
}

const MILLBRIDGE = 'Who chairs the Millbridge Flood Action Group?';
const MANAGER = Permission.ManageGuild | Permission.ViewChannel | Permission.UseApplicationCommands;

/**
 * `npm start` with GATEWAY_SHARDS=2 against a fake Discord that asks for two shards: a process per
 * shard, each with its own server; a change made through one served by the other; the shards
 * replaced one at a time (SIGHUP) while interactions keep coming, none lost or answered twice.
 */
describe('the bot in two gateway shards', () => {
  let fake: FakeDiscord;
  let site: LocalServer;
  let page: string;
  let dir: string;
  let child: ChildProcess;
  let healthPort: number;
  const lines: LogLine[] = [];

  beforeAll(async () => {
    fake = await startFakeDiscord({ shards: 2, secondGuild: true, waitTimeoutMs: 10_000 });
    site = await startLocalServer();
    page = site.url('/news/millbridge-flood-wall');
    dir = await mkdtemp(join(tmpdir(), 'excerpt-shards-'));
    await copyBundledCorpus(join(dir, 'corpus'));
    healthPort = await freePort();
    child = run('src/main.ts', {
      DISCORD_TOKEN: fake.token,
      DISCORD_CLIENT_ID: fake.applicationId,
      DISCORD_API_URL: fake.apiUrl,
      DATA_DIR: join(dir, 'data'),
      CORPUS_DIR: join(dir, 'corpus'),
      GATEWAY_SHARDS: '2',
      HEALTH_PORT: String(healthPort),
      HOME_GUILD_IDS: fake.guildId,
      CORPUS_ALLOW_PRIVATE_URLS: 'true',
      // One user asks everything here: no cooldown in the way.
      COOLDOWN_USES: '1000',
      LOG_LEVEL: 'info',
    });
    let pending = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      pending += chunk.toString();
      const complete = pending.split('\n');
      pending = complete.pop() ?? '';
      for (const line of complete) if (line.trim()) lines.push(JSON.parse(line) as LogLine);
    });
    await poll(`http://127.0.0.1:${healthPort}/readyz`, (status) => status === 200, 40_000);
  }, 60_000);

  afterAll(async () => {
    if (child.exitCode === null) {
      child.kill('SIGKILL');
      await once(child, 'exit');
    }
    await fake.close();
    await site.close();
    await rm(dir, { recursive: true, force: true });
  });

  const send = (guild: Guild, question: string) =>
    fake.sendChatInput({ name: 'ask', options: [{ name: 'question', type: 3, value: question }], guild });
  const answer = async (guild: Guild, question: string) => {
    const sent = send(guild, question);
    const reply = await fake.waitForResponse(sent.id);
    return {
      id: sent.id,
      text: ((reply.data.embeds as Embed[] | undefined) ?? [])
        .map((e) => `${e.title} ${e.description}`)
        .join('\n'),
    };
  };
  const handledBy = (interactionId: string) =>
    lines.filter((line) => line.msg === 'Interaction handled' && line.interactionId === interactionId);
  /** The log lines of an interaction's handling, once logged (just after the reply). */
  const loggedHandling = async (interactionId: string) => {
    for (let waited = 0; handledBy(interactionId).length === 0 && waited < 5_000; waited += 50)
      await sleep(50);
    return handledBy(interactionId);
  };

  it('runs a process per shard, each connected for its own server, and each answers its server', async () => {
    expect([...fake.openShards].map(([id, count]) => `${id}/${count}`).sort()).toEqual(['0/2', '1/2']);
    for (const guild of ['main', 'other'] as const) {
      const { id, text } = await answer(guild, 'Assad Moscow');
      expect(text).toContain('**Moscow**');
      expect((await loggedHandling(id)).map((line) => line.shard)).toEqual([fake.shardOf(guild)]);
    }
    // Each shard serves its own metrics, labelled with the shard, on HEALTH_PORT+1+id.
    const metrics = await (
      await fetch(`http://127.0.0.1:${healthPort + 1 + fake.shardOf('other')}/metrics`)
    ).text();
    expect(metrics).toContain(
      `excerpt_interactions_total{command="ask",outcome="answered",shard="${fake.shardOf('other')}"} 1`,
    );
  }, 30_000);

  it('serves a change to the shared library made through one shard from the other within 5 s', async () => {
    const added = fake.sendChatInput({
      name: 'library',
      options: [
        {
          name: 'add',
          type: 1,
          options: [
            { name: 'url', type: 3, value: page },
            { name: 'library', type: 3, value: 'shared' },
          ],
        } as never,
      ],
      guild: 'main',
      permissions: MANAGER,
    });
    await fake.waitForResponse(added.id, { kind: 'edit', timeoutMs: 15_000 });
    const changed = Date.now();
    let text = '';
    while (!text.includes('Millbridge') && Date.now() - changed < 5_000) {
      ({ text } = await answer('other', MILLBRIDGE));
      if (!text.includes('Millbridge')) await sleep(250);
    }
    expect(text).toContain('**Millbridge Flood Action Group**');
  }, 30_000);

  it('replaces the shards one at a time on SIGHUP, losing no interaction and answering none twice', async () => {
    const identified = fake.identifyCount;
    const sent: { id: string; guild: Guild }[] = [];
    child.kill('SIGHUP');
    const until = Date.now() + 60_000;
    for (let i = 0; !lines.some((line) => line.msg === 'Every shard replaced'); i++) {
      if (Date.now() > until) throw new Error('the shards were not replaced within 60 s');
      const guild = i % 2 === 0 ? 'main' : 'other';
      sent.push({ id: send(guild, 'Assad Moscow').id, guild });
      await sleep(150);
    }
    expect(fake.identifyCount).toBe(identified + 2);
    expect(sent.length).toBeGreaterThan(10);
    for (const { id } of sent) await loggedHandling(id);
    await sleep(500); // a second answer, if any, would have come by now
    for (const { id } of sent) {
      expect(fake.callbacksFor(id), id).toHaveLength(1);
      expect(JSON.stringify(fake.responsesFor(id)), id).toContain('**Moscow**');
      expect(handledBy(id), id).toHaveLength(1);
    }
    expect(fake.rejections.filter((r) => sent.some(({ id }) => id === r.interactionId))).toEqual([]);
    expect([...fake.openShards].map(([id]) => id).sort()).toEqual([0, 1]);
  }, 90_000);

  it('stops every shard on SIGTERM and exits 0, leaving no process behind', async () => {
    child.kill('SIGTERM');
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(0);
    expect(processesWith(`DATA_DIR=${join(dir, 'data')}`)).toEqual([]);
    expect(lines.filter((line) => line.msg === 'Stopped').map((line) => line.shard ?? 'manager')).toEqual(
      expect.arrayContaining([0, 1, 'manager']),
    );
  }, 30_000);
});
