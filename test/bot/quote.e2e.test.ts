import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './harness.js';

type Embed = { description?: string; footer?: { text: string } };
type Choices = { choices: { name: string; value: string }[] };

// Both ways interactions arrive: the gateway (the real discord.js client) and HTTP (signed POSTs).
describe.each(['gateway', 'http'] as const)('/quote (interactions over %s)', (interactions) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ interactions });
  });
  afterAll(async () => {
    await h.close();
  });

  const quote = async (options: { text?: string; speaker?: string }) => {
    const sent = h.fake.sendChatInput({
      name: 'quote',
      options: Object.entries(options).map(([name, value]) => ({
        name,
        type: 3 as const,
        value: value as string,
      })),
    });
    return (await h.fake.waitForResponse(sent.id)).data;
  };

  const autocomplete = async (
    focused: 'text' | 'speaker',
    value: string,
    others: Record<string, string> = {},
  ) => {
    const sent = h.fake.sendAutocomplete({
      name: 'quote',
      focused: { name: focused, value },
      options: Object.entries(others).map(([name, v]) => ({ name, type: 3 as const, value: v })),
    });
    return ((await h.fake.waitForResponse(sent.id)).data as Choices).choices;
  };

  it('finds a quote despite a typo and shows it verbatim as a block quote with speaker, article and link', async () => {
    const reply = await quote({ text: 'soverign country' });
    const [first] = reply.embeds as Embed[];
    expect(first?.description).toContain(
      '> Why? Because we are becoming a truly sovereign country, we are already hardly dependent on anyone.',
    );
    expect(first?.description).toMatch(
      /— \*\*Vladimir Putin\*\*, \['I will be ready': Putin says he will meet Trump ¶7, 9\]\(https:\/\/itv\.com\/news\/2024-12-19\/i-will-be-ready-putin-says-he-will-meet-trump#:~:text=/,
    );
    expect(reply.allowed_mentions).toEqual({ parse: [] });
  });

  it('answers privately when asked to, with a button that posts the quote for everyone under the asker’s name', async () => {
    const sent = h.fake.sendChatInput({
      name: 'quote',
      options: [
        { name: 'text', type: 3, value: 'soverign country' },
        { name: 'private', type: 5, value: true },
      ],
      user: { id: '300000000000000011' },
    });
    const reply = (await h.fake.waitForResponse(sent.id)).data;
    expect(Number(reply.flags) & 64).toBe(64);
    const post = (reply.components as { components: { custom_id: string; label: string }[] }[])[0]
      ?.components[0];
    expect(post?.label).toBe('Post to channel');

    const click = h.fake.sendButton({ customId: post?.custom_id ?? '', user: { id: '300000000000000011' } });
    const posted = (await h.fake.waitForResponse(click.id)).data;
    expect(Number(posted.flags ?? 0) & 64).toBe(0);
    expect(posted.content).toBe('<@300000000000000011> shared:');
    expect(posted.allowed_mentions).toEqual({ parse: [] });
    expect((posted.embeds as Embed[])[0]?.description).toContain('a truly sovereign country');

    const stale = h.fake.sendButton({ customId: 'quote:post:no-such-article:q12345678' });
    expect((await h.fake.waitForResponse(stale.id)).data.content).toBe(
      'That quote is no longer in the library: search for it again.',
    );
  });

  it('lists a speaker’s quotes by any alias when no words are given', async () => {
    const reply = await quote({ speaker: 'the Kremlin leader' });
    expect(reply.content).toMatch(/^9 quotes match; the best 3:$/);
    for (const embed of reply.embeds as Embed[]) expect(embed.description).toContain('— **Vladimir Putin**');
  });

  it('says privately when a speaker is unknown and names the speakers the corpus has', async () => {
    const reply = await quote({ text: 'China', speaker: 'Xi Jinping' });
    expect(reply.content).toMatch(/^The corpus has no quotes from “Xi Jinping”\. It quotes .*Vladimir Putin/);
    expect(Number(reply.flags) & 64).toBe(64);
  });

  it('autocompletes speakers: at most 25 choices, names of 1–100 characters', async () => {
    const choices = await autocomplete('speaker', 'wood');
    expect(choices).toEqual([expect.objectContaining({ name: expect.stringContaining('Bob Woodward') })]);
    const all = await autocomplete('speaker', '');
    expect(all.length).toBeGreaterThan(0);
    expect(all.length).toBeLessThanOrEqual(25);
    for (const choice of all) {
      expect(choice.name.length).toBeGreaterThanOrEqual(1);
      expect(choice.name.length).toBeLessThanOrEqual(100);
      expect(choice.value.length).toBeLessThanOrEqual(100);
    }
  });

  it('autocompletes quotes cut to 100 characters, and picking one shows exactly that quote', async () => {
    const choices = await autocomplete('text', 'every day', { speaker: 'Putin' });
    expect(choices.length).toBeGreaterThan(0);
    for (const choice of choices) expect(choice.name.length).toBeLessThanOrEqual(100);
    const picked = choices.find((choice) => choice.name.startsWith('“Movement is going on'));
    expect(picked).toBeDefined();
    const reply = await quote({ text: picked?.value ?? '' });
    expect(reply.embeds as Embed[]).toHaveLength(1);
    expect((reply.embeds as Embed[])[0]?.description).toContain(
      '> Movement is going on along the entire front line, every day.',
    );
    // Some clients send the choice's name instead of its value: the same quote comes first.
    const byName = await quote({ text: picked?.name ?? '' });
    expect((byName.embeds as Embed[])[0]?.description).toContain(
      '> Movement is going on along the entire front line, every day.',
    );
  });

  it('pings nobody and breaks nothing with hostile input', async () => {
    for (const text of ['@everyone', '<@&123456789012345678> **x**', 'Z̴̡̛̗̜̹̫̩̲̦͖̞̈́̆̄̓͗̌̓́͝a̸̧̛̘͍̖̘̱͓̓͊̽͒̐̑̕', 'x'.repeat(500)]) {
      const reply = await quote({ text, speaker: '@here' });
      expect(JSON.stringify(reply)).not.toMatch(/@everyone|@here|<@&?\d/);
    }
    for (const value of ['@everyone', '\ud800', 'a'.repeat(6000)]) {
      const choices = await autocomplete('text', value);
      expect(choices.length).toBeLessThanOrEqual(25);
    }
    expect(h.fake.rejections).toEqual([]);
  });
});
