import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { Cooldown } from '../../src/bot/cooldown.js';
import { EngineStore } from '../../src/engineStore.js';
import { type InteractionsServer, startInteractionsServer } from '../../src/http/interactionsServer.js';
import { publicKeyFromHex } from '../../src/http/verifyRequest.js';
import { Libraries } from '../../src/library/libraries.js';
import { LibraryStore } from '../../src/store/libraryStore.js';
import { copyBundledCorpus } from '../bundledCorpus.js';
import {
  type FakeDiscord,
  type InteractionPayload,
  Permission,
  startFakeDiscord,
} from '../fakeDiscord/index.js';
import { applicationKeys, pingBody } from '../fakeDiscord/signing.js';

type Embed = { title?: string; description?: string };
type Data = {
  content?: string;
  embeds?: Embed[];
  flags?: number;
  choices?: unknown[];
  allowed_mentions?: unknown;
};
const EPHEMERAL = 64;

// INTERACTIONS=http: the same commands, POSTed by "Discord" (the test, signing with a test key pair)
// to the bot's endpoint; follow-ups and edits go to the fake Discord's webhooks.
describe('interactions over HTTP', () => {
  const keys = applicationKeys();
  let fake: FakeDiscord;
  let endpoint: InteractionsServer;
  let url: string;
  const handled: string[] = [];
  let corpusDir: string;
  let dataDir: string;

  const post = (body: string, headers: Record<string, string> = {}) =>
    fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  const signed = (body: string, timestamp?: string) => keys.headers(body, timestamp);

  beforeAll(async () => {
    fake = await startFakeDiscord();
    corpusDir = await mkdtemp(join(tmpdir(), 'excerpt-corpus-'));
    await copyBundledCorpus(corpusDir);
    dataDir = await mkdtemp(join(tmpdir(), 'excerpt-data-'));
    const store = await EngineStore.open(corpusDir);
    const libraries = new Libraries(store, await LibraryStore.open(join(dataDir, 'excerpt.sqlite')));
    const logger = pino({ level: 'silent' }, new Writable({ write: (_chunk, _encoding, done) => done() }));
    endpoint = await startInteractionsServer({
      port: 0,
      host: '127.0.0.1',
      publicKey: publicKeyFromHex(keys.publicHex),
      applicationId: fake.applicationId,
      apiUrl: fake.apiUrl,
      deps: {
        commands,
        libraries,
        logger,
        homeGuildIds: [fake.guildId],
        moderatorRoleIds: [],
        cooldown: new Cooldown(100, 30_000),
        onHandled: (command) => {
          handled.push(command);
        },
      },
    });
    url = `http://127.0.0.1:${endpoint.port}/interactions`;
    // As Discord does: POST each interaction, signed, and take the endpoint's answer as its callback.
    fake.deliverOverHttp(async (payload: InteractionPayload) => {
      const body = JSON.stringify(payload);
      const response = await post(body, signed(body));
      if (response.status !== 200) throw new Error(`endpoint answered ${response.status}`);
      await fetch(`${fake.apiUrl}/v10/interactions/${payload.id}/${payload.token}/callback`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(await response.json()),
      });
    });
  });
  afterAll(async () => {
    await endpoint.close(1000);
    await fake.close();
    await rm(corpusDir, { recursive: true, force: true });
    await rm(dataDir, { recursive: true, force: true });
  });

  it('answers Discord’s PING', async () => {
    const body = pingBody(fake.applicationId);
    const response = await post(body, signed(body));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ type: 1 });
  });

  it('runs /ask, a button, autocomplete and a message command as the gateway mode does', async () => {
    const ask = fake.sendChatInput({
      name: 'ask',
      options: [{ name: 'question', type: 3, value: 'Putin Trump' }],
    });
    const answer = (await fake.waitForResponse(ask.id)).data as Data & {
      components?: { components: { custom_id: string }[] }[];
    };
    expect(answer.embeds?.length).toBeGreaterThan(0);
    expect(answer.allowed_mentions).toEqual({ parse: [] });

    const more = answer.components?.[0]?.components[0]?.custom_id ?? '';
    const click = fake.sendButton({ customId: more });
    const page = (await fake.waitForResponse(click.id)).data as Data;
    expect((page.flags ?? 0) & EPHEMERAL).toBe(EPHEMERAL);

    const typed = fake.sendAutocomplete({ name: 'quote', focused: { name: 'speaker', value: 'kreml' } });
    expect(((await fake.waitForResponse(typed.id)).data as Data).choices?.length).toBeGreaterThan(0);

    const check = fake.sendMessageContextMenu({
      name: 'Check quote',
      message: { content: 'trump said "situation is changing dramatically"' },
    });
    expect(((await fake.waitForResponse(check.id)).data as Data).embeds?.[0]?.title).toMatch(
      /^❌ Misattributed/,
    );
    expect(fake.deliveryErrors).toEqual([]);
    expect(fake.rejections).toEqual([]);
  });

  it('defers a slow command and edits its reply through the webhook', async () => {
    const refresh = fake.sendChatInput({
      name: 'library',
      options: [{ name: 'refresh', type: 1, options: [] } as never],
      permissions: Permission.ManageGuild | Permission.ViewChannel | Permission.UseApplicationCommands,
    });
    const first = await fake.waitForResponse(refresh.id);
    expect(first.callbackType).toBe(5);
    const edited = (await fake.waitForResponse(refresh.id, { kind: 'edit', timeoutMs: 15_000 })).data as Data;
    expect(JSON.stringify(edited)).toContain('refreshed');
  });

  it('runs nothing for a request with a bad, missing or stale signature, or a bad body', async () => {
    const asked = () => handled.filter((command) => command === 'ask').length;
    const before = asked();
    const body = JSON.stringify({
      id: '2',
      type: 2,
      token: 'never-sent',
      application_id: fake.applicationId,
      user: { id: '300000000000000001' },
      data: { name: 'ask', type: 1, options: [{ name: 'question', type: 3, value: 'x' }] },
    });
    const stale = String(Math.floor(Date.now() / 1000) - 600);
    const cases: [string, Promise<Response>, number][] = [
      ['unsigned', post(body), 401],
      ['another key', post(body, { ...signed(body), 'x-signature-ed25519': '00'.repeat(64) }), 401],
      ['body changed after signing', post(body.replace('"x"', '"y"'), signed(body)), 401],
      ['stale timestamp', post(body, signed(body, stale)), 401],
      ['malformed JSON', post('{"type":', signed('{"type":')), 400],
      ['too large', post('x'.repeat(2 * 1024 * 1024), signed('x')), 413],
      ['another path', fetch(url.replace('/interactions', '/other'), { method: 'POST' }), 404],
      ['GET', fetch(url), 405],
    ];
    for (const [name, response, status] of cases) expect((await response).status, name).toBe(status);
    expect(asked()).toBe(before);
  });
});
