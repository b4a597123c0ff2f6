import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './harness.js';

type Embed = {
  title?: string;
  url?: string;
  description?: string;
  footer?: { text: string };
  author?: { name: string };
};
type Row = { components: { custom_id: string; label: string }[] };

const EPHEMERAL = 1 << 6;

// Both ways interactions arrive: the gateway (the real discord.js client) and HTTP (signed POSTs).
describe.each(['gateway', 'http'] as const)('/ask (interactions over %s)', (interactions) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ interactions });
  });
  afterAll(async () => {
    await h.close();
  });

  it('answers with cited excerpts: linked titles, bold matched words, paragraph numbers, no pings', async () => {
    const reply = await h.ask('Assad Moscow');
    const embeds = reply.embeds as Embed[];
    expect(embeds.length).toBeGreaterThan(0);
    const first = embeds[0];
    expect(first?.title).toBe("'I will be ready': Putin says he will meet Trump");
    expect(first?.url).toMatch(
      /^https:\/\/itv\.com\/news\/2024-12-19\/i-will-be-ready-putin-says-he-will-meet-trump#:~:text=/,
    );
    expect(first?.description).toContain('**Assad**');
    expect(first?.description).toContain('**Moscow**');
    expect(first?.footer?.text).toMatch(/^¶18–19 · passage 1 of \d+ matching$/);
    expect(first?.author?.name).toBe('ITV News · 19 December 2024');
    expect(reply.allowed_mentions).toEqual({ parse: [] });
    expect(reply.flags ?? 0).toBe(0);
    expect(h.fake.rejections).toEqual([]);
  });

  it('abstains kindly and privately when the corpus does not mention the subject', async () => {
    const reply = await h.ask('What is the capital of Australia?');
    expect(reply.content).toBe(
      `The corpus doesn’t mention “Australia”, so it can’t answer that. It covers “'I will be ready': Putin says he will meet Trump”. /corpus status lists every article.`,
    );
    expect(reply.embeds ?? []).toEqual([]);
    expect(Number(reply.flags) & EPHEMERAL).toBe(EPHEMERAL);
  });

  it('labels the closest passages as such when the article talks about the subject but lacks the fact', async () => {
    const reply = await h.ask('how many north korean troops are fighting in kursk');
    expect(reply.content).toBe(
      '**how many north korean troops are fighting in kursk**\nThe articles don’t say exactly how many. Closest passages:',
    );
    expect((reply.embeds as Embed[])[0]?.description).toContain('**North Korean troops fighting**');
    expect(reply.allowed_mentions).toEqual({ parse: [] });

    // When the words are there but not as asked, the hedge says what is missing.
    const premise = await h.ask('when did russian forces capture kyiv');
    expect(premise.content).toBe(
      '**when did russian forces capture kyiv**\nThe articles don’t say that happened. Closest passages:',
    );
    expect((premise.embeds as Embed[])[0]?.description).toContain('failed to **capture**');
    const someoneElse = await h.ask('did putin say anything about the north korean soldiers');
    expect(someoneElse.content).toContain('The articles don’t report “putin” saying that. Closest passages:');

    // "The Russian head of state" is Putin, whom the article calls "the Russian president".
    const described = await h.ask('what did the russian head of state say about sovereignty');
    // Direct (no hedge), and the asker is told how their question was read, in small print.
    expect(described.content).toBe(
      '**what did the russian head of state say about sovereignty**\n-# Read “the russian head of state” as “Putin”.',
    );
    expect((described.embeds as Embed[])[0]?.description).toContain('sovereign');

    const direct = await h.ask('wen did puttin last speek to trump');
    // "wen" is chat shorthand, not worth a word; the misspellings are named.
    expect(direct.content).toBe(
      '**wen did puttin last speek to trump**\n-# Read “puttin” as “putin”, “speek” as “speak”.',
    );
    expect((direct.embeds as Embed[])[0]?.description).toContain('in over four years');
  });

  it('replies to small talk in a line, privately, and tells whoever asks its opinion that it has none', async () => {
    const hello = await h.ask('hey bot u there??');
    expect(hello.content).toBe(
      `I’m here: ask me a question about the news. I cover “'I will be ready': Putin says he will meet Trump”.`,
    );
    expect(Number(hello.flags) & EPHEMERAL).toBe(EPHEMERAL);
    expect(hello.allowed_mentions).toEqual({ parse: [] });
    expect((await h.ask('thanks bro appreciate it')).content).toBe('You’re welcome.');
    // Chat in everyday words the article lacks: a line, not "the corpus doesn't mention “perfect”".
    const thanked = await h.ask('perfect, exactly what i needed');
    expect(thanked.content).toBe('You’re welcome.');
    expect(Number(thanked.flags) & EPHEMERAL).toBe(EPHEMERAL);
    expect((await h.ask('who made u')).content).toMatch(/^I’m Excerpt: .* \/help lists the commands\.$/u);
    // An opinion asked of the bot: what the article says about the subject, hedged, in public.
    const opinion = await h.ask('what do u think about zelenskyy');
    expect(opinion.content).toBe(
      '**what do u think about zelenskyy**\nI give no opinions, only the articles’ own words. Closest passages:',
    );
    expect((opinion.embeds as Embed[])[0]?.description).toContain('**Zelenskyy**');
    expect(opinion.flags ?? 0).toBe(0);
  });

  it('answers "what is it about?" with the article’s opening and "who wrote this?" with its record', async () => {
    const reply = await h.ask('what is this article about?');
    expect(reply.content).toBe('**what is this article about?**\nHow the article opens:');
    const [lead] = reply.embeds as Embed[];
    expect(lead?.description).toMatch(/^Putin speaks out on his relationship with Trump/u);
    expect(lead?.footer?.text).toBe('¶3–5 · article 1 of 1');
    expect(reply.allowed_mentions).toEqual({ parse: [] });
    // Who wrote it: the article's record above the same opening.
    const record = await h.ask('who wrote this?');
    expect(record.content).toBe(
      `**who wrote this?**\n“'I will be ready': Putin says he will meet Trump”: by Sam Holder, ITV News, 19 December 2024. How it opens:`,
    );
  });

  it('answers privately when asked to, with a button that posts the answer for everyone under the asker’s name', async () => {
    const reply = await h.ask('Kursk North Korean troops', { private: true, userId: '300000000000000009' });
    expect(Number(reply.flags) & EPHEMERAL).toBe(EPHEMERAL);
    expect((reply.embeds as Embed[])[0]?.description).toContain('**Kursk**');
    const post = (reply.components as Row[])[0]?.components.find(
      (button) => button.label === 'Post to channel',
    );
    expect(post?.custom_id).toMatch(/^ask:post:0:/);

    const click = h.fake.sendButton({ customId: post?.custom_id ?? '', user: { id: '300000000000000009' } });
    const posted = (await h.fake.waitForResponse(click.id)).data;
    expect(Number(posted.flags ?? 0) & EPHEMERAL).toBe(0);
    expect(posted.content).toMatch(/^<@300000000000000009> shared: /);
    expect(posted.allowed_mentions).toEqual({ parse: [] });
    expect(posted.embeds).toEqual(reply.embeds);
    expect(JSON.stringify(posted.components ?? [])).not.toContain('Post to channel');
  });

  it('shows the next excerpts when "More results" is clicked, also after a restart (state is in the button)', async () => {
    const reply = await h.ask('Putin Trump');
    const button = (reply.components as Row[])[0]?.components[0];
    expect(button?.label).toBe('More results');
    expect(button?.custom_id.length).toBeLessThanOrEqual(100);
    const firstPage = (reply.embeds as Embed[]).map((embed) => embed.description);

    const click = h.fake.sendButton({ customId: button?.custom_id ?? '' });
    const more = (await h.fake.waitForResponse(click.id)).data;
    const secondPage = (more.embeds as Embed[]).map((embed) => embed.description);
    expect(secondPage.length).toBeGreaterThan(0);
    expect((more.embeds as Embed[])[0]?.footer?.text).toMatch(/passage 4 of \d+ matching/);
    for (const text of secondPage) expect(firstPage).not.toContain(text);
    expect(Number(more.flags) & EPHEMERAL).toBe(EPHEMERAL);
  });

  it('answers in DMs', async () => {
    const reply = await h.ask('Woodward book', { dm: true });
    expect((reply.embeds as Embed[])[0]?.description).toContain('**Woodward**');
  });

  it('reads past mentions in the question and answers it, escaping them in the reply', async () => {
    const reply = await h.ask('@everyone <@&123456789012345678> what did Putin say about Assad?');
    expect((reply.embeds as Embed[])[0]?.description).toContain('**Assad**');
    expect(reply.content).toBe(
      '**@\u200beveryone <\u200b@&123456789012345678> what did Putin say about Assad?**',
    );
  });

  it.each([
    ['@everyone and @here, what did Putin say about Assad?'],
    ['<@&123456789012345678> <@123456789012345678> **Trump** __meeting__ `code` > quote # heading'],
    ['Putin '.repeat(1000)],
    ['Z̴̡̛̗̜̹̫̩̲̦͖̞̈́̆̄̓͗̌̓́͝a̸̧̛̘͍̖̘̱͓̓͊̽͒̐̑̕l̵̢̨̦̜̼̥͗̇͗̋̈́̆͘͝g̵̡̛̼̗̯͖̍̀̋̇̈͋͝ǫ̷̨̗̱̗̻̀̀̓̉͌̓͝ Putin \u202Eesrever'],
    ['🙂🙂🙂'],
    ['\ud800 broken surrogate Trump'],
  ])('pings nobody and stays within Discord limits for hostile input %#', async (question) => {
    const reply = await h.ask(question);
    expect(reply.allowed_mentions).toEqual({ parse: [] });
    const text = JSON.stringify(reply);
    expect(text).not.toMatch(/@everyone|@here|<@&?\d/);
    expect(String(reply.content ?? '').length).toBeLessThanOrEqual(2000);
    expect(h.fake.rejections).toEqual([]);
  });
});

describe('/ask over the gateway, from many people', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ cooldownUses: 1000 });
  });
  afterAll(async () => {
    await h.close();
  });

  it('keeps no member, user or message it is sent in memory, only its own', async () => {
    for (let i = 0; i < 12; i++) {
      const reply = await h.ask('Assad Moscow', { userId: String(400_000_000_000_000_000n + BigInt(i)) });
      expect(reply.embeds).toBeDefined();
    }
    const client = h.bot?.client;
    const guild = client?.guilds.cache.first();
    expect(guild).toBeDefined();
    expect([...(client?.users.cache.keys() ?? [])].filter((id) => id !== client?.user?.id)).toEqual([]);
    expect([...(guild?.members.cache.keys() ?? [])].filter((id) => id !== client?.user?.id)).toEqual([]);
    for (const channel of guild?.channels.cache.values() ?? [])
      if ('messages' in channel) expect(channel.messages.cache.size).toBe(0);
  });
});

describe('/ask cooldown', () => {
  it('does not count "More results" as a question', async () => {
    const h = await startHarness({ cooldownUses: 2 });
    try {
      const user = '300000000000000003';
      const first = await h.ask('Putin', { userId: user });
      const more = JSON.stringify(first.components).match(/"custom_id":"(ask:[^"]+)"/)?.[1] ?? '';
      expect(more).not.toBe('');
      for (let press = 0; press < 3; press++) {
        const sent = h.fake.sendButton({ customId: more, user: { id: user } });
        expect(JSON.stringify((await h.fake.waitForResponse(sent.id)).data)).not.toContain('asking quickly');
      }
      const second = await h.ask('Assad', { userId: user });
      expect((second.embeds as Embed[]).length).toBeGreaterThan(0);
    } finally {
      await h.close();
    }
  });

  it('answers a user who asks too often privately, and others still get answers', async () => {
    const h = await startHarness({ cooldownUses: 2 });
    try {
      await h.ask('Assad', { userId: '300000000000000001' });
      await h.ask('Assad', { userId: '300000000000000001' });
      const third = await h.ask('Assad', { userId: '300000000000000001' });
      const retry = /^You’re asking quickly: try again <t:(\d+):R>\.$/.exec(String(third.content));
      expect(Number(retry?.[1]) * 1000).toBeGreaterThan(Date.now());
      expect(Number(retry?.[1]) * 1000).toBeLessThanOrEqual(Date.now() + 31_000);
      expect(Number(third.flags) & EPHEMERAL).toBe(EPHEMERAL);
      // Each command has its own allowance: /quote still answers.
      const quote = h.fake.sendChatInput({
        name: 'quote',
        options: [{ name: 'text', type: 3, value: 'sovereign country' }],
        user: { id: '300000000000000001' },
      });
      expect(JSON.stringify((await h.fake.waitForResponse(quote.id)).data)).toContain('sovereign country');
      const other = await h.ask('Assad', { userId: '300000000000000002' });
      expect((other.embeds as Embed[]).length).toBeGreaterThan(0);
    } finally {
      await h.close();
    }
  });
});
