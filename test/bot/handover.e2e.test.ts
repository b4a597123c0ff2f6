import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { type Bot, createBot } from '../../src/bot/createBot.js';
import { EngineStore } from '../../src/engineStore.js';
import { Libraries } from '../../src/library/libraries.js';
import { LibraryStore } from '../../src/store/libraryStore.js';
import { copyBundledCorpus } from '../bundledCorpus.js';
import { type FakeDiscord, startFakeDiscord } from '../fakeDiscord/index.js';

/**
 * Two processes of one shard, as while a replacement takes over: both gateway sessions receive every
 * interaction of the shard (as on Discord), and the claim in the store they share decides which
 * answers. Two real discord.js clients stand for the two processes.
 */
describe('two sessions of one shard during a handover', () => {
  let fake: FakeDiscord;
  let dir: string;
  const bots: Bot[] = [];
  const stores: LibraryStore[] = [];

  beforeAll(async () => {
    fake = await startFakeDiscord({ waitTimeoutMs: 5_000 });
    dir = await mkdtemp(join(tmpdir(), 'excerpt-handover-'));
    await copyBundledCorpus(join(dir, 'corpus'));
    const engine = await EngineStore.open(join(dir, 'corpus'));
    for (let i = 0; i < 2; i++) {
      const store = await LibraryStore.open(join(dir, 'excerpt.sqlite'));
      stores.push(store);
      const bot = createBot({
        commands,
        libraries: new Libraries(engine, store),
        logger: pino({ level: 'silent' }),
        homeGuildIds: [],
        moderatorRoleIds: [],
        allowPrivateUrls: false,
        token: fake.token,
        cooldownUses: 1000,
        cooldownSeconds: 30,
        apiUrl: fake.apiUrl,
        fastIdentify: true,
        claim: (interactionId) => store.claimInteraction(interactionId),
      });
      await bot.start();
      bots.push(bot);
    }
  }, 30_000);

  afterAll(async () => {
    for (const bot of bots) await bot.stop(1000);
    for (const store of stores) await store.close();
    await fake.close();
    await rm(dir, { recursive: true, force: true });
  });

  const burst = async (count: number) => {
    const sent = Array.from({ length: count }, () =>
      fake.sendChatInput({ name: 'ask', options: [{ name: 'question', type: 3, value: 'Assad Moscow' }] }),
    );
    for (const { id } of sent) await fake.waitForResponse(id);
    await sleep(300); // a second answer, if any, would have come by now
    return sent.map(({ id }) => id);
  };

  it('answers each interaction once, from whichever process claims it first', async () => {
    expect(fake.openShards).toEqual([
      [0, 1],
      [0, 1],
    ]);
    const ids = await burst(20);
    for (const id of ids) expect(fake.callbacksFor(id), id).toHaveLength(1);
    expect(fake.rejections).toEqual([]);
  });

  it('leaves every interaction to the replacement once the old process has handed over', async () => {
    bots[0]?.handOver();
    const ids = await burst(10);
    for (const id of ids) expect(fake.callbacksFor(id), id).toHaveLength(1);
    expect(fake.rejections).toEqual([]);
  });
});
