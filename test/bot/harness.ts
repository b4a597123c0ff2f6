import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { commands } from '../../commands/index.js';
import { Cooldown } from '../../src/bot/cooldown.js';
import { type Bot, createBot } from '../../src/bot/createBot.js';
import { EngineStore } from '../../src/engineStore.js';
import { channelPoster } from '../../src/http/channelPoster.js';
import { type InteractionsServer, startInteractionsServer } from '../../src/http/interactionsServer.js';
import { publicKeyFromHex } from '../../src/http/verifyRequest.js';
import { Libraries } from '../../src/library/libraries.js';
import { LibraryStore } from '../../src/store/libraryStore.js';
import { copyBundledCorpus } from '../bundledCorpus.js';
import { type FakeDiscord, startFakeDiscord } from '../fakeDiscord/index.js';
import { applicationKeys } from '../fakeDiscord/signing.js';

export interface LogLine {
  readonly level: number;
  readonly msg: string;
  readonly [key: string]: unknown;
}

export interface Harness {
  readonly fake: FakeDiscord;
  /** The discord.js bot; absent with interactions over HTTP. */
  readonly bot: Bot | undefined;
  /** Which way interactions reach the bot. */
  readonly interactions: 'gateway' | 'http';
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
      /** The `article` option: what was picked or typed. */
      article?: string;
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
  /**
   * How interactions reach the bot: over the gateway to the discord.js client (default), or POSTed,
   * signed, to the HTTP endpoint, as Discord does with INTERACTIONS=http.
   */
  readonly interactions?: 'gateway' | 'http';
  /** The store on this PostgreSQL database instead of a SQLite file. */
  readonly postgresUrl?: string;
}

/** The real bot (real discord.js Client) against a fake Discord on loopback, serving a copy of corpus/. */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const fake = await startFakeDiscord({
    roles: [{ name: options.moderatorRoleName ?? 'Moderator' }],
    secondGuild: options.secondGuild ?? false,
  });
  const corpusDir = await mkdtemp(join(tmpdir(), 'excerpt-corpus-'));
  await copyBundledCorpus(corpusDir);
  const store = await EngineStore.open(corpusDir);
  const dataDir = await mkdtemp(join(tmpdir(), 'excerpt-data-'));
  const libraries = new Libraries(
    store,
    await LibraryStore.open(
      options.postgresUrl ? { postgresUrl: options.postgresUrl } : join(dataDir, 'excerpt.sqlite'),
    ),
  );
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
  const services = {
    commands,
    libraries,
    logger,
    homeGuildIds: options.mainIsHome === false ? [] : [fake.guildId],
    moderatorRoleIds: [fake.roleId(options.moderatorRoleName ?? 'Moderator')],
    allowPrivateUrls: options.allowPrivateUrls ?? true,
  };
  const cooldownUses = options.cooldownUses ?? 100;
  let bot: Bot | undefined;
  let endpoint: InteractionsServer | undefined;
  if (options.interactions === 'http') {
    endpoint = await startInteractionsServer({
      ...(await httpEndpoint(fake)),
      deps: {
        ...services,
        cooldown: new Cooldown(cooldownUses, 30_000),
        postToChannel: channelPoster(fake.apiUrl, fake.token),
      },
    });
    fake.deliverOverHttp(signedDelivery(fake, endpoint.port));
  } else {
    bot = createBot({
      ...services,
      token: fake.token,
      cooldownUses,
      cooldownSeconds: 30,
      apiUrl: fake.apiUrl,
      fastIdentify: true,
    });
    await bot.start();
  }
  return {
    fake,
    bot,
    interactions: options.interactions ?? 'gateway',
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
          ...(extra.article !== undefined
            ? [{ name: 'article', type: 3 as const, value: extra.article }]
            : []),
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
      await bot?.stop(1000);
      await endpoint?.close(1000);
      await fake.close();
      await libraries.store.close();
      await rm(corpusDir, { recursive: true, force: true });
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

// The test plays Discord for interactions over HTTP: an application key pair, each interaction
// signed and POSTed to the endpoint, and the endpoint's answer taken as the interaction's callback.
const httpKeys = applicationKeys();

async function httpEndpoint(fake: FakeDiscord) {
  return {
    port: 0,
    host: '127.0.0.1',
    publicKey: publicKeyFromHex(httpKeys.publicHex),
    applicationId: fake.applicationId,
    apiUrl: fake.apiUrl,
  };
}

/** Signs each interaction with `keys`, POSTs it to the endpoint on `port`, and hands its answer to the fake. */
export function signedDelivery(
  fake: FakeDiscord,
  port: number,
  keys: Pick<ReturnType<typeof applicationKeys>, 'headers'> = httpKeys,
) {
  return async (payload: unknown & { id: string; token: string }) => {
    const body = JSON.stringify(payload);
    const response = await fetch(`http://127.0.0.1:${port}/interactions`, {
      method: 'POST',
      headers: keys.headers(body),
      body,
    });
    if (response.status !== 200) throw new Error(`the endpoint answered ${response.status}`);
    await fetch(`${fake.apiUrl}/v10/interactions/${payload.id}/${payload.token}/callback`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(await response.json()),
    });
  };
}
