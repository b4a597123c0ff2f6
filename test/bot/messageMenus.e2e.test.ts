import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../fakeDiscord/index.js';
import { type Harness, startHarness } from './harness.js';

type Embed = { title?: string; description?: string };
type Reply = { content?: string; embeds?: Embed[]; flags?: number; allowed_mentions?: unknown };
const EPHEMERAL = 64;

// Right-click a message → Apps: "Check quote" and "Find in articles", as Discord sends them
// (an application command of type 3 with the message in resolved.messages), and /help.
// Both ways interactions arrive: the gateway (the real discord.js client) and HTTP (signed POSTs).
describe.each(['gateway', 'http'] as const)(
  'message menu commands (interactions over %s)',
  (interactions) => {
    let h: Harness;
    beforeAll(async () => {
      h = await startHarness({ interactions });
    });
    afterAll(async () => {
      await h.close();
    });

    const onMessage = async (name: string, content: string): Promise<Reply> => {
      const sent = h.fake.sendMessageContextMenu({ name, message: { content } });
      return (await h.fake.waitForResponse(sent.id, { timeoutMs: 5000 })).data as Reply;
    };

    it('checks a misquote in public: the verdict first, the source’s exact words with the change marked, who and where', async () => {
      const reply = await onMessage(
        'Check quote',
        'putin literally said "I will be prepared for a meeting if he wants it" lol',
      );
      const [check] = reply.embeds ?? [];
      expect(reply.flags ?? 0).toBe(0);
      expect(check?.title).toMatch(/^⚠️ Altered/);
      expect(check?.description).toContain('> I will be ~~ready~~ for a meeting if he wants it');
      expect(check?.description).toContain('“ready” became “prepared”');
      expect(check?.description).toMatch(
        /— \*\*Vladimir Putin\*\*, \[.* ¶6\]\(https:\/\/itv\.com\/.*#:~:text=/,
      );
      expect(reply.allowed_mentions).toEqual({ parse: [] });
    });

    it('gives each quotation of a message its verdict: verbatim, misattributed, not found', async () => {
      const reply = await onMessage(
        'Check quote',
        'putin: "situation is changing dramatically" but trump said “I will be ready for a meeting” and "we will win by spring" @everyone',
      );
      expect((reply.embeds ?? []).map((embed) => embed.title?.split(':')[0])).toEqual([
        '✅ Verbatim',
        '❌ Misattributed',
        '❓ Not found in the articles',
      ]);
      expect(reply.embeds?.[1]?.description).toContain(
        'The message says Donald Trump; the article says Vladimir Putin.',
      );
      expect(JSON.stringify(reply)).not.toContain('@everyone"');
    });

    it('stays within Discord’s limits for a long message of many quotes, and answers an empty one privately', async () => {
      const long = Array.from({ length: 12 }, () => '"I will be ready for a meeting if he wants it"').join(
        ' and ',
      );
      const reply = await onMessage('Check quote', `${long} ${'x'.repeat(3000)}`);
      expect(reply.embeds?.length).toBeLessThanOrEqual(LIMITS.embeds);
      const total = (reply.embeds ?? []).reduce(
        (sum, embed) => sum + (embed.title?.length ?? 0) + (embed.description?.length ?? 0),
        0,
      );
      expect(total).toBeLessThanOrEqual(LIMITS.embedTotal);

      const empty = await onMessage('Check quote', '');
      expect(empty.flags).toBe(EPHEMERAL);
      expect(empty.content).toBe('That message has no words to check.');
    });

    it('works from a user’s own install too, in a server and in DMs, answering from the shared library', async () => {
      for (const where of [{}, { dm: true }] as const) {
        const sent = h.fake.sendMessageContextMenu({
          name: 'Check quote',
          message: { content: '"situation is changing dramatically" - putin' },
          userInstall: true,
          ...where,
        });
        const reply = (await h.fake.waitForResponse(sent.id, { timeoutMs: 5000 })).data as Reply;
        expect(reply.embeds?.[0]?.title).toMatch(/^✅ Verbatim/);
      }
    });

    it('finds the passages about a message, privately, as /ask would', async () => {
      const reply = await onMessage('Find in articles', 'wait did putin actually say he would meet trump??');
      expect(reply.flags).toBe(EPHEMERAL);
      expect(JSON.stringify(reply.embeds)).toContain('as he delivers annual news conference');
    });

    it('/help says what Excerpt does, its commands with examples and what the library holds, privately', async () => {
      const sent = h.fake.sendChatInput({ name: 'help' });
      const reply = (await h.fake.waitForResponse(sent.id)).data as Reply;
      expect(reply.flags).toBe(EPHEMERAL);
      const text = reply.embeds?.[0]?.description ?? '';
      for (const part of [
        '`/ask`',
        '`/quote`',
        'Check quote',
        'Find in articles',
        '`/corpus status`',
        '1 article here',
      ])
        expect(text).toContain(part);
      expect(text).toContain('I will be ready');
    });
  },
);
