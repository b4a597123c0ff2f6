import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { commands } from '../../commands/index.js';
import { type Bot, createBot } from '../../src/bot/createBot.js';
import { EngineStore } from '../../src/engineStore.js';
import { Libraries } from '../../src/library/libraries.js';
import { LibraryStore } from '../../src/store/libraryStore.js';
import { type FakeDiscord, startFakeDiscord } from '../fakeDiscord/index.js';

export interface LogLine {
  readonly level: number;
  readonly msg: string;
  readonly [key: string]: unknown;
}

export interface Harness {
  readonly fake: FakeDiscord;
  readonly bot: Bot;
  /** The shared library. */
  readonly store: EngineStore;
  readonly libraries: Libraries;
  /** A private copy of the bundled corpus that tests may change. */
  readonly corpusDir: string;
  /** The folder of the bot's database. */
  readonly dataDir: string;
  readonly logs: LogLine[];
  /** Sends /ask and returns the bot's first response. */
  ask(
    question: string,
    extra?: {
      private?: boolean;
      dm?: boolean;
      userId?: string;
      guild?: 'main' | 'other';
      /** Through the user's own install, not the server's. */
      userInstall?: boolean;
    },
  ): Promise<Record<string, unknown>>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  readonly cooldownUses?: number;
  readonly moderatorRoleName?: string;
  /** /corpus add may fetch loopback pages (the tests' own HTTP server). Default true. */
  readonly allowPrivateUrls?: boolean;
  /** Put the bot in a second server ('other'), which is not a home server. */
  readonly secondGuild?: boolean;
  /** Whether the main server is a home server (manages the shared library). Default true. */
  readonly mainIsHome?: boolean;
}

/** The real bot (real discord.js Client) against a fake Discord on loopback, serving a copy of corpus/. */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const fake = await startFakeDiscord({
    roles: [{ name: options.moderatorRoleName ?? 'Moderator' }],
    secondGuild: options.secondGuild ?? false,
  });
  const corpusDir = await mkdtemp(join(tmpdir(), 'excerpt-corpus-'));
  await cp('corpus', corpusDir, { recursive: true, filter: (source) => !source.includes('.index') });
  const store = await EngineStore.open(corpusDir);
  const dataDir = await mkdtemp(join(tmpdir(), 'excerpt-data-'));
  const libraries = new Libraries(store, LibraryStore.open(join(dataDir, 'excerpt.sqlite')));
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
    libraries,
    logger,
    homeGuildIds: options.mainIsHome === false ? [] : [fake.guildId],
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
    libraries,
    corpusDir,
    dataDir,
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
        ...(extra.guild ? { guild: extra.guild } : {}),
        ...(extra.userId ? { user: { id: extra.userId } } : {}),
        ...(extra.userInstall ? { userInstall: true } : {}),
      });
      return (await fake.waitForResponse(sent.id, { timeoutMs: 5000 })).data;
    },
    async close() {
      await bot.stop(1000);
      await fake.close();
      libraries.store.close();
      await rm(corpusDir, { recursive: true, force: true });
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
