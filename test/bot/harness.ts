import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { commands } from '../../commands/index.js';
import { type Bot, createBot } from '../../src/bot/createBot.js';
import { EngineStore } from '../../src/engineStore.js';
import { type FakeDiscord, startFakeDiscord } from '../fakeDiscord/index.js';

export interface LogLine {
  readonly level: number;
  readonly msg: string;
  readonly [key: string]: unknown;
}

export interface Harness {
  readonly fake: FakeDiscord;
  readonly bot: Bot;
  readonly store: EngineStore;
  /** A private copy of the bundled corpus that tests may change. */
  readonly corpusDir: string;
  readonly logs: LogLine[];
  /** Sends /ask and returns the bot's first response. */
  ask(
    question: string,
    extra?: { private?: boolean; dm?: boolean; userId?: string },
  ): Promise<Record<string, unknown>>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  readonly cooldownUses?: number;
  readonly moderatorRoleName?: string;
  /** /corpus add may fetch loopback pages (the tests' own HTTP server). Default true. */
  readonly allowPrivateUrls?: boolean;
}

/** The real bot (real discord.js Client) against a fake Discord on loopback, serving a copy of corpus/. */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const fake = await startFakeDiscord({ roles: [{ name: options.moderatorRoleName ?? 'Moderator' }] });
  const corpusDir = await mkdtemp(join(tmpdir(), 'excerpt-corpus-'));
  await cp('corpus', corpusDir, { recursive: true, filter: (source) => !source.includes('.index') });
  const store = await EngineStore.open(corpusDir);
  const logs: LogLine[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n'))
        if (line.trim()) logs.push(JSON.parse(line) as LogLine);
      done();
    },
  });
  const logger = pino(
    { level: 'debug', redact: { paths: ['token', '*.token', 'discordToken'], censor: '[redacted]' } },
    sink,
  );
  const bot = createBot({
    token: fake.token,
    commands,
    store,
    logger,
    moderatorRoleIds: [fake.roleId(options.moderatorRoleName ?? 'Moderator')],
    allowPrivateUrls: options.allowPrivateUrls ?? true,
    cooldownUses: options.cooldownUses ?? 100,
    cooldownSeconds: 30,
    apiUrl: fake.apiUrl,
    fastIdentify: true,
  });
  await bot.start();
  return {
    fake,
    bot,
    store,
    corpusDir,
    logs,
    async ask(question, extra = {}) {
      const sent = fake.sendChatInput({
        name: 'ask',
        options: [
          { name: 'question', type: 3, value: question },
          ...(extra.private !== undefined
            ? [{ name: 'private', type: 5 as const, value: extra.private }]
            : []),
        ],
        ...(extra.dm ? { dm: true } : {}),
        ...(extra.userId ? { user: { id: extra.userId } } : {}),
      });
      return (await fake.waitForResponse(sent.id, { timeoutMs: 5000 })).data;
    },
    async close() {
      await bot.stop(1000);
      await fake.close();
      await rm(corpusDir, { recursive: true, force: true });
    },
  };
}
