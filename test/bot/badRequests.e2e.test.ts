import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './harness.js';

/** Requests that are the user's mistake (an old client, a forged id), not the bot's. */
describe('interactions the bot does not know', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  const errorLines = () => h.logs.filter((line) => line.level >= 50);

  it('tells the user what was wrong about an unknown subcommand, privately, and logs a warning', async () => {
    const sent = h.fake.sendChatInput({
      name: 'corpus',
      options: [{ name: 'refresh', type: 1, options: [] }],
    });
    const reply = (await h.fake.waitForResponse(sent.id)).data;
    expect(reply.content).toMatch(/not available any more: try \/corpus status/);
    expect(Number(reply.flags) & 64).toBe(64);
    expect(
      h.logs.some((line) => line.level === 40 && line.msg === 'Refused an interaction the bot does not know'),
    ).toBe(true);
    expect(errorLines()).toEqual([]);
  });

  it('says a forged button is not one of its own', async () => {
    const sent = h.fake.sendButton({ customId: 'corpus:forged' });
    expect((await h.fake.waitForResponse(sent.id)).data.content).toMatch(/not one of Excerpt’s/);
    const other = h.fake.sendButton({ customId: 'quote:anything' });
    expect((await h.fake.waitForResponse(other.id)).data.content).toMatch(/not one of Excerpt’s/);
    expect(errorLines()).toEqual([]);
  });

  it('answers an autocomplete request for a command or option that has none with no choices', async () => {
    for (const [name, option] of [
      ['help', 'anything'],
      ['ask', 'question'],
    ] as const) {
      const sent = h.fake.sendAutocomplete({ name, focused: { name: option, value: 'put' } });
      const reply = await h.fake.waitForResponse(sent.id);
      expect(reply.callbackType).toBe(8);
      expect(reply.data).toEqual({ choices: [] });
    }
  });
});
