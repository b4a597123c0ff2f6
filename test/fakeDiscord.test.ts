import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  type ChatInputCommandInteraction,
  Client,
  DiscordAPIError,
  Events,
  GatewayIntentBits,
  type Interaction,
  MessageFlags,
  Routes,
} from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeDiscord, type FakeDiscordOptions, startFakeDiscord } from './fakeDiscord/index.js';

let fake: FakeDiscord | undefined;
let client: Client | undefined;

/** Starts a fake and logs the real discord.js client into it; resolves when `clientReady` fired. */
async function connect(options: FakeDiscordOptions = {}): Promise<{ fake: FakeDiscord; client: Client }> {
  fake = await startFakeDiscord(options);
  client = new Client({
    intents: [GatewayIntentBits.Guilds],
    rest: { api: fake.apiUrl },
    // Without this, every re-identify waits out Discord's 5 s identify window.
    ws: { buildIdentifyThrottler: () => ({ waitForIdentify: async () => {} }) },
  });
  const ready = once(client, Events.ClientReady);
  await client.login(fake.token);
  await ready;
  return { fake, client };
}

afterEach(async () => {
  await client?.destroy();
  await fake?.close();
  client = undefined;
  fake = undefined;
});

/** The next interaction the client emits. */
async function nextInteraction(c: Client): Promise<Interaction> {
  const [interaction] = (await once(c, Events.InteractionCreate)) as [Interaction];
  return interaction;
}

/** Sends /ask in the guild and returns the interaction as discord.js built it. */
async function sendAsk(f: FakeDiscord, c: Client, question = 'Why?') {
  const received = nextInteraction(c);
  const sent = f.sendChatInput({ name: 'ask', options: [{ name: 'question', type: 3, value: question }] });
  const interaction = await received;
  if (!interaction.isChatInputCommand()) throw new Error('expected a chat-input command');
  return { sent, interaction: interaction as ChatInputCommandInteraction };
}

/** The Discord error code a promise rejected with. */
async function rejectionCode(promise: Promise<unknown>): Promise<number | string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof DiscordAPIError))
    throw new Error(`expected a DiscordAPIError, got ${String(error)}`);
  return error.code;
}

describe('startFakeDiscord', () => {
  it('gets the real client ready quickly, with the guild, its channel and roles cached', async () => {
    const started = Date.now();
    const { fake, client } = await connect({ roles: [{ name: 'Moderator', permissions: 1n << 13n }] });

    expect(Date.now() - started).toBeLessThan(2_000);
    expect(fake.apiUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api$/);
    expect(fake.guildId).toMatch(/^\d{17,19}$/);
    const guild = client.guilds.cache.get(fake.guildId);
    expect(guild?.available).toBe(true);
    expect(guild?.channels.cache.get(fake.channelId)?.isTextBased()).toBe(true);
    expect(guild?.roles.cache.get(fake.roleId('Moderator'))?.name).toBe('Moderator');
    expect(client.user?.id).toBe(fake.botUserId);
    expect(client.application?.id).toBe(fake.applicationId);
    expect(fake.frames.find((f) => f.op === 2)?.d).toMatchObject({ token: fake.token, intents: 1 });
    expect(fake.connectionUrls[0]).toBe('/?v=10&encoding=json');
  });

  it('delivers a guild command and records the reply with its content and allowed mentions', async () => {
    const { fake, client } = await connect({ roles: [{ name: 'Moderator' }] });
    const received = nextInteraction(client);
    const sent = fake.sendChatInput({
      name: 'ask',
      options: [{ name: 'question', type: 3, value: 'Who?' }],
      roles: [fake.roleId('Moderator')],
      permissions: 1n << 13n,
    });
    const interaction = (await received) as ChatInputCommandInteraction;

    expect(interaction.id).toBe(sent.id);
    expect(interaction.commandName).toBe('ask');
    expect(interaction.options.getString('question')).toBe('Who?');
    expect(interaction.inGuild()).toBe(true);
    expect(interaction.memberPermissions?.has('ManageMessages')).toBe(true);
    await interaction.reply({ content: 'Pong @everyone', allowedMentions: { parse: [] } });

    const reply = await fake.waitForResponse(sent.id);
    expect(reply.callbackType).toBe(4);
    expect(reply.data).toMatchObject({ content: 'Pong @everyone', allowed_mentions: { parse: [] } });
    expect(fake.interaction(sent.id)?.original?.content).toBe('Pong @everyone');
    expect(fake.rejections).toEqual([]);
  });

  it('delivers a DM command with a user instead of a member', async () => {
    const { fake, client } = await connect();
    const received = nextInteraction(client);
    const sent = fake.sendChatInput({ name: 'ask', dm: true, user: { username: 'dmuser' } });
    const interaction = (await received) as ChatInputCommandInteraction;

    expect(interaction.inGuild()).toBe(false);
    expect(interaction.member).toBeNull();
    expect(interaction.user.username).toBe('dmuser');
    await interaction.reply({ content: 'Hi' });
    expect((await fake.waitForResponse(sent.id)).data.content).toBe('Hi');
  });

  it('accepts deferReply then editReply, and discord.js parses the edited message', async () => {
    const { fake, client } = await connect();
    const { sent, interaction } = await sendAsk(fake, client);

    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const edited = await interaction.editReply({ content: 'Done', embeds: [{ title: 'Answer' }] });

    expect(edited.content).toBe('Done');
    expect(edited.embeds[0]?.title).toBe('Answer');
    const [deferred, edit] = fake.responsesFor(sent.id);
    expect(deferred).toMatchObject({
      kind: 'callback',
      callbackType: 5,
      data: { flags: MessageFlags.Ephemeral },
    });
    expect(edit).toMatchObject({ kind: 'edit', messageId: '@original', data: { content: 'Done' } });
    expect(fake.interaction(sent.id)?.original?.flags).toBe(MessageFlags.Ephemeral);
  });

  it('turns the first follow-up after a defer into the reply, and edits and deletes follow-ups', async () => {
    const { fake, client } = await connect();
    const { sent, interaction } = await sendAsk(fake, client);

    await interaction.deferReply();
    const first = await interaction.followUp({ content: 'Answer' });
    const second = await interaction.followUp({ content: 'More', flags: MessageFlags.Ephemeral });
    await interaction.editReply({ message: second.id, content: 'More, edited' });
    await interaction.deleteReply(second.id);

    const record = fake.interaction(sent.id);
    expect(first.id).toBe(record?.original?.id);
    expect(record?.original?.content).toBe('Answer');
    expect(second.id).not.toBe(first.id);
    expect(fake.responsesFor(sent.id).map((r) => r.kind)).toEqual([
      'callback',
      'followup',
      'followup',
      'edit',
      'delete',
    ]);
    expect(record?.followups.size).toBe(0);
    expect(fake.rejections).toEqual([]);
  });

  it('answers with_response=true with the callback resource', async () => {
    const { fake, client } = await connect();
    const { sent, interaction } = await sendAsk(fake, client);

    const response = await interaction.reply({ content: 'With response', withResponse: true });

    expect(response.interaction.id).toBe(sent.id);
    expect(response.resource?.message?.content).toBe('With response');
    expect(fake.calls.find((c) => c.path.endsWith('/callback'))?.query).toEqual({ with_response: 'true' });
  });

  it('sends attachments as multipart and records the files', async () => {
    const { fake, client } = await connect();
    const { sent, interaction } = await sendAsk(fake, client);

    await interaction.reply({
      content: 'See file',
      files: [{ attachment: Buffer.from('hello'), name: 'a.txt' }],
    });

    const reply = await fake.waitForResponse(sent.id);
    expect(reply.data.content).toBe('See file');
    expect(reply.files).toEqual([expect.objectContaining({ filename: 'a.txt', size: 5 })]);
  });

  it('answers autocomplete and button interactions', async () => {
    const { fake, client } = await connect();
    const completing = nextInteraction(client);
    const auto = fake.sendAutocomplete({ name: 'ask', focused: { name: 'question', value: 'wh' } });
    const autocomplete = await completing;
    if (!autocomplete.isAutocomplete()) throw new Error('expected autocomplete');
    expect(autocomplete.options.getFocused()).toBe('wh');
    await autocomplete.respond([{ name: 'Why?', value: 'why' }]);
    expect((await fake.waitForResponse(auto.id)).data).toEqual({ choices: [{ name: 'Why?', value: 'why' }] });

    const pressing = nextInteraction(client);
    const press = fake.sendButton({ customId: 'page:2' });
    const button = await pressing;
    if (!button.isButton()) throw new Error('expected a button');
    expect(button.customId).toBe('page:2');
    expect(button.message.id).toBe(press.payload.message?.id);
    await button.update({ content: 'Page 2', components: [] });
    const update = await fake.waitForResponse(press.id);
    expect(update.callbackType).toBe(7);
    expect(update.message?.id).toBe(press.payload.message?.id);
  });

  it('stores registered commands and sends their ids with interactions', async () => {
    const { fake, client } = await connect();
    await client.application?.commands.set([{ name: 'ask', description: 'Ask a question' }]);
    await client.guilds.cache.get(fake.guildId)?.commands.set([{ name: 'reload', description: 'Reload' }]);

    const [ask] = fake.commands.list();
    expect(ask).toMatchObject({ name: 'ask', application_id: fake.applicationId });
    expect(fake.commands.list(fake.guildId)[0]?.name).toBe('reload');
    const { interaction } = await sendAsk(fake, client);
    expect(interaction.commandId).toBe(ask?.id);
  });

  it('retries a 429 on the callback route and the reply still lands', async () => {
    const { fake, client } = await connect();
    fake.failNext({ route: '/callback', status: 429, retryAfterSeconds: 0.1 });
    const { sent, interaction } = await sendAsk(fake, client);

    await interaction.reply({ content: 'After the limit' });

    expect((await fake.waitForResponse(sent.id)).data.content).toBe('After the limit');
    const statuses = fake.calls.filter((c) => c.path.endsWith('/callback')).map((c) => c.status);
    expect(statuses).toEqual([429, 204]);
    expect(fake.rejections).toEqual([]);
  });

  it('answers 40060 when discord.js retries a 500 that the fake had processed', async () => {
    const { fake, client } = await connect();
    fake.failNext({ route: '/callback', status: 500, afterProcessing: true });
    const { sent, interaction } = await sendAsk(fake, client);

    expect(await rejectionCode(interaction.reply({ content: 'Once' }))).toBe(40060);
    expect(fake.callbacksFor(sent.id)).toHaveLength(1);
  });

  it('resumes after a dropped socket and replays the interaction sent meanwhile', async () => {
    const { fake, client } = await connect();
    const resumed = fake.dropConnection();
    const received = nextInteraction(client);
    const sent = fake.sendChatInput({ name: 'ask' });
    await resumed;
    const interaction = (await received) as ChatInputCommandInteraction;
    await interaction.reply({ content: 'Still here' });

    expect((await fake.waitForResponse(sent.id)).data.content).toBe('Still here');
    expect(fake.frames.filter((f) => f.op === 6)).toHaveLength(1);
    expect(fake.connectionUrls.at(-1)).toMatch(/^\/resume\?/);
    expect(fake.identifyCount).toBe(1);
  });

  it('resumes after op 7 RECONNECT and re-identifies after op 9 with d=false', async () => {
    const { fake, client } = await connect();
    // The fake resolves when it has sent RESUMED; wait for discord.js to process it too, or the op 9
    // that follows races its RESUMED handler (which then reads a cleared session and throws).
    await Promise.all([fake.sendReconnect(), once(client, Events.ShardResume)]);
    expect(fake.frames.some((f) => f.op === 6)).toBe(true);
    expect(fake.identifyCount).toBe(1);

    await fake.sendInvalidSession(false);
    expect(fake.identifyCount).toBe(2);
    const { sent, interaction } = await sendAsk(fake, client);
    await interaction.reply({ content: 'New session' });
    expect((await fake.waitForResponse(sent.id)).data.content).toBe('New session');
  });

  it('acknowledges heartbeats and resumes on the same socket after op 9 with d=true', async () => {
    const { fake, client } = await connect({ heartbeatIntervalMs: 100 });
    await fake.waitForFrame(1, { timeoutMs: 1_000 });
    expect(fake.sentFrames.some((f) => f.op === 11)).toBe(true);

    await Promise.all([fake.sendInvalidSession(true), once(client, Events.ShardResume)]);
    expect(fake.connectionUrls).toHaveLength(1);
    expect(fake.identifyCount).toBe(1);
  });

  it('rejects content over 2,000 characters with 50035 and records why', async () => {
    const { fake, client } = await connect();
    const { sent, interaction } = await sendAsk(fake, client);

    expect(await rejectionCode(interaction.reply({ content: 'x'.repeat(2001) }))).toBe(50035);
    const rejection = await fake.waitForRejection({ interactionId: sent.id });
    expect(rejection.errors).toEqual({
      data: {
        content: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 2000 or fewer in length.' }] },
      },
    });
    expect(fake.callbacksFor(sent.id)).toEqual([]);
  });

  it('rejects a second callback with 40060 and a late one with 10062', async () => {
    const { fake, client } = await connect({ interactionDeadlineMs: 150 });
    const { sent, interaction } = await sendAsk(fake, client);
    await interaction.reply({ content: 'First' });
    // discord.js refuses a second reply itself, so go round it as a second process would.
    const second = client.rest.post(Routes.interactionCallback(sent.id, sent.token), {
      body: { type: 4, data: { content: 'Second' } },
      auth: false,
    });
    expect(await rejectionCode(second)).toBe(40060);

    const late = await sendAsk(fake, client);
    await sleep(200);
    expect(await rejectionCode(late.interaction.reply({ content: 'Too late' }))).toBe(10062);
  });

  it('enforces embed, autocomplete and custom_id limits', async () => {
    const { fake, client } = await connect();
    const tooBig = [
      { type: 4, data: { embeds: Array.from({ length: 11 }, () => ({ title: 't' })) } },
      { type: 4, data: { embeds: [{ description: 'd'.repeat(4000) }, { description: 'd'.repeat(2001) }] } },
      { type: 4, data: { embeds: [{ fields: [{ name: 'n', value: 'v'.repeat(1025) }] }] } },
      {
        type: 4,
        data: {
          components: [
            { type: 1, components: [{ type: 2, style: 1, label: 'L', custom_id: 'c'.repeat(101) }] },
          ],
        },
      },
    ];
    for (const body of tooBig) {
      const { sent } = await sendAsk(fake, client);
      const post = client.rest.post(Routes.interactionCallback(sent.id, sent.token), { body, auth: false });
      expect(await rejectionCode(post)).toBe(50035);
    }

    const completing = nextInteraction(client);
    fake.sendAutocomplete({ name: 'ask', focused: { name: 'question', value: '' } });
    const autocomplete = await completing;
    if (!autocomplete.isAutocomplete()) throw new Error('expected autocomplete');
    const choices = Array.from({ length: 26 }, (_, i) => ({ name: `c${i}`, value: `v${i}` }));
    expect(await rejectionCode(autocomplete.respond(choices))).toBe(50035);
    expect(fake.rejections.map((r) => r.code)).toEqual([50035, 50035, 50035, 50035, 50035]);
  });

  it('answers 10015 for an edit before any callback, and 404 for unknown routes', async () => {
    const { fake, client } = await connect();
    const { interaction } = await sendAsk(fake, client);
    const edit = client.rest.patch(
      Routes.webhookMessage(fake.applicationId, interaction.token, '@original'),
      {
        body: { content: 'Early' },
        auth: false,
      },
    );
    expect(await rejectionCode(edit)).toBe(10015);

    expect(await rejectionCode(client.rest.get('/channels/1/messages'))).toBe(0);
    expect(fake.unknownRoutes.map((c) => c.path)).toEqual(['/channels/1/messages']);
  });

  it('deals servers and their events to shards, to every session of a shard, and refuses too few shards', async () => {
    const started = await startFakeDiscord({ shards: 2, secondGuild: true });
    fake = started;
    expect(new Set([started.shardOf('main'), started.shardOf('other')])).toEqual(new Set([0, 1]));
    const shardClient = (shard: number) =>
      new Client({
        intents: [GatewayIntentBits.Guilds],
        rest: { api: started.apiUrl },
        shards: [shard],
        shardCount: 2,
        ws: { buildIdentifyThrottler: () => ({ waitForIdentify: async () => {} }) },
      });
    const clients = [shardClient(0), shardClient(1), shardClient(started.shardOf('other'))];
    try {
      for (const c of clients) {
        const ready = once(c, Events.ClientReady);
        await c.login(started.token);
        await ready;
      }
      const [first, second, twin] = clients as [Client, Client, Client];
      const byShard = (shard: number) => (shard === 0 ? first : second);
      expect([...byShard(started.shardOf('main')).guilds.cache.keys()]).toEqual([started.guildId]);
      expect([...byShard(started.shardOf('other')).guilds.cache.keys()]).toEqual([
        started.guildIdOf('other'),
      ]);

      // The other server's shard has two sessions (a replacement starting): both get its events.
      const got = (c: Client) => nextInteraction(c).then((interaction) => interaction.guildId);
      const heard = [got(byShard(started.shardOf('other'))), got(twin)];
      const quiet = byShard(started.shardOf('main'));
      const strays: (string | null)[] = [];
      quiet.on(Events.InteractionCreate, (interaction) => strays.push(interaction.guildId));
      started.sendChatInput({
        name: 'ask',
        guild: 'other',
        options: [{ name: 'question', type: 3, value: 'Why?' }],
      });
      expect(await Promise.all(heard)).toEqual([started.guildIdOf('other'), started.guildIdOf('other')]);
      await sleep(100);
      expect(strays).toEqual([]);
      expect(started.openShards).toHaveLength(3);

      // A client that asks for fewer shards than Discord requires is refused with 4011.
      const single = new Client({
        intents: [GatewayIntentBits.Guilds],
        rest: { api: started.apiUrl },
        shards: [0],
        shardCount: 1,
      });
      clients.push(single);
      await expect(single.login(started.token)).rejects.toThrow(/Sharding is required/);
    } finally {
      await Promise.all(clients.map((c) => c.destroy()));
    }
  }, 20_000);
});
