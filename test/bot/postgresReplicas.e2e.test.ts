import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyBundledCorpus } from '../bundledCorpus.js';
import { type FakeDiscord, Permission, startFakeDiscord } from '../fakeDiscord/index.js';
import { applicationKeys } from '../fakeDiscord/signing.js';
import { type LocalServer, NEWS_PAGE, startLocalServer } from '../ingest/localServer.js';
import { freshDatabase, postgresUrl } from '../postgres/testDatabase.js';
import { freePort, poll, run } from './botProcess.js';
import { signedDelivery } from './harness.js';

type Embed = { title?: string; description?: string };
type Replica = 'a' | 'b';

const MILLBRIDGE = 'Who chairs the Millbridge Flood Action Group?';
const MANAGER = Permission.ManageGuild | Permission.ViewChannel | Permission.UseApplicationCommands;

/**
 * Two `npm start` processes over HTTP, as on two machines: each with its own data folder, sharing
 * DATABASE_URL's PostgreSQL database and the corpus folder (a shared volume, whose file events do
 * not cross machines: neither watches it). A change to a server's library or to the shared library
 * made through one is served by the other within 5 s; a user's cooldown counts on both.
 */
describe.skipIf(!postgresUrl)('two replicas sharing a PostgreSQL store', () => {
  let fake: FakeDiscord;
  let site: LocalServer;
  let page: string;
  let sharedPage: string;
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  const dirs: string[] = [];
  const replicas = new Map<Replica, { child: ChildProcess; port: number }>();
  const keys = applicationKeys();
  let users = 0;

  beforeAll(async () => {
    fake = await startFakeDiscord({ waitTimeoutMs: 10_000 });
    // A second article for the shared library: the same page about another town.
    const other = NEWS_PAGE.replaceAll('Millbridge', 'Kestrel Vale');
    site = await startLocalServer({
      '/news/kestrel-vale-flood-wall': (_request, response) => {
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(other);
      },
    });
    page = site.url('/news/millbridge-flood-wall');
    sharedPage = site.url('/news/kestrel-vale-flood-wall');
    database = await freshDatabase();
    const corpus = await mkdtemp(join(tmpdir(), 'excerpt-replicas-corpus-'));
    dirs.push(corpus);
    await copyBundledCorpus(corpus);
    const ready: Promise<Response>[] = [];
    for (const name of ['a', 'b'] as const) {
      const dir = await mkdtemp(join(tmpdir(), `excerpt-replica-${name}-`));
      dirs.push(dir);
      const [port, healthPort] = [await freePort(), await freePort()];
      const child = run('src/main.ts', {
        DISCORD_TOKEN: fake.token,
        DISCORD_CLIENT_ID: fake.applicationId,
        DISCORD_API_URL: fake.apiUrl,
        INTERACTIONS: 'http',
        DISCORD_PUBLIC_KEY: keys.publicHex,
        PORT: String(port),
        INTERACTIONS_HOST: '127.0.0.1',
        HEALTH_PORT: String(healthPort),
        DATA_DIR: join(dir, 'data'),
        CORPUS_DIR: corpus,
        HOME_GUILD_IDS: fake.guildId,
        DATABASE_URL: database.url,
        CORPUS_ALLOW_PRIVATE_URLS: 'true',
        COOLDOWN_USES: '2',
        LOG_LEVEL: 'warn',
      });
      replicas.set(name, { child, port });
      ready.push(poll(`http://127.0.0.1:${healthPort}/readyz`, (status) => status === 200, 40_000));
    }
    await Promise.all(ready);
  }, 60_000);

  afterAll(async () => {
    for (const { child } of replicas.values()) {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await once(child, 'exit');
      }
    }
    await fake?.close();
    await site?.close();
    await database?.drop();
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  /** Sends an interaction to one replica, as a load balancer would, and waits for its reply. */
  const through = async (
    replica: Replica,
    options: Parameters<FakeDiscord['sendChatInput']>[0],
    kind?: 'edit',
  ) => {
    fake.deliverOverHttp(signedDelivery(fake, replicas.get(replica)?.port ?? 0, keys));
    const sent = fake.sendChatInput(options);
    const reply = await fake.waitForResponse(sent.id, kind ? { kind, timeoutMs: 15_000 } : {});
    const data = reply.data as { content?: string; embeds?: Embed[] };
    return [data.content ?? '', ...(data.embeds ?? []).map((e) => `${e.title} ${e.description}`)].join('\n');
  };
  const ask = (
    replica: Replica,
    question: string,
    userId = `3000000000000${String(++users).padStart(5, '0')}`,
  ) =>
    through(replica, {
      name: 'ask',
      options: [{ name: 'question', type: 3, value: question }],
      user: { id: userId },
    });
  const library = (replica: Replica, subcommand: string, options: Record<string, string>) =>
    through(
      replica,
      {
        name: 'library',
        options: [
          {
            name: subcommand,
            type: 1,
            options: Object.entries(options).map(([name, value]) => ({ name, value, type: 3 })),
          } as never,
        ],
        permissions: MANAGER,
      },
      'edit',
    );
  /** Asks through `replica` until `until` holds or 5 s have passed; returns the last answer. */
  const askUntil = async (replica: Replica, until: (text: string) => boolean, question = MILLBRIDGE) => {
    const started = Date.now();
    let text = await ask(replica, question);
    while (!until(text) && Date.now() - started < 5_000) {
      await sleep(100);
      text = await ask(replica, question);
    }
    return text;
  };

  it('serves a server-library change made through one replica from the other within 5 s', async () => {
    expect(await ask('b', MILLBRIDGE)).not.toContain('Millbridge Flood Action Group');
    const added = await library('a', 'add', { url: page, library: 'server' });
    const id = /as (\S+)\.$/m.exec(added)?.[1];
    expect(id, added).toBeDefined();
    const cited = (text: string) => text.includes('**Millbridge Flood Action Group**');
    expect(await askUntil('b', cited)).toContain('**Millbridge Flood Action Group**');
    await library('b', 'remove', { article: id ?? '' });
    expect(await askUntil('a', (text) => !text.includes('Millbridge Flood Action Group'))).not.toContain(
      'Millbridge Flood Action Group',
    );
  }, 60_000);

  it('serves a shared-library change made through one replica from the other within 5 s', async () => {
    const question = 'Who chairs the Kestrel Vale Flood Action Group?';
    const cited = (text: string) => text.includes('**Kestrel Vale Flood Action Group**');
    expect(cited(await ask('b', question))).toBe(false);
    expect(await library('a', 'add', { url: sharedPage, library: 'shared' })).toContain('Kestrel Vale');
    expect(await askUntil('b', cited, question)).toContain('**Kestrel Vale Flood Action Group**');
  }, 60_000);

  it('counts a user’s /ask on either replica against one cooldown', async () => {
    const user = '400000000000000077';
    expect(await ask('a', 'Assad Moscow', user)).toContain('Moscow');
    expect(await ask('b', 'Assad Moscow', user)).toContain('Moscow');
    expect(await ask('a', 'Assad Moscow', user)).toMatch(/asking quickly/);
    expect(await ask('b', 'Assad Moscow', user)).toMatch(/asking quickly/);
  }, 30_000);
});
