import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './harness.js';

type Embed = { title?: string; description?: string; footer?: { text: string } };
const SEED_ID = '2024-12-19-putin-says-he-will-meet-trump';

describe('/library remove, restore and concurrent refreshes of the shared library (home server)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  const moderator = async (subcommand: string, options: { name: string; type: 3; value: string }[] = []) => {
    const sent = h.fake.sendChatInput({
      name: 'library',
      options: [{ name: subcommand, type: 1, options }],
      roles: [h.fake.roleId('Moderator')],
    });
    return (await h.fake.waitForResponse(sent.id, { kind: 'edit', timeoutMs: 10_000 })).data;
  };

  it('autocompletes articles to remove: at most 25 valid choices matching what was typed', async () => {
    const sent = h.fake.sendAutocomplete({
      name: 'library',
      focused: { name: 'article', value: 'putin' },
      options: [
        { name: 'remove', type: 1, options: [{ name: 'article', type: 3, value: 'putin', focused: true }] },
      ],
      roles: [h.fake.roleId('Moderator')],
    });
    const reply = (await h.fake.waitForResponse(sent.id)).data as {
      choices: { name: string; value: string }[];
    };
    expect(reply.choices).toEqual([
      { name: "'I will be ready': Putin says he will meet Trump (2024-12-19)", value: SEED_ID },
    ]);
  });

  it('removes an article into the archive (nothing deleted) and restores it', async () => {
    const removed = await moderator('remove', [{ name: 'article', type: 3, value: SEED_ID }]);
    expect((removed.embeds as Embed[])[0]?.description).toContain(
      "Archived “'I will be ready': Putin says he will meet Trump”",
    );
    expect((removed.embeds as Embed[])[0]?.description).toMatch(/Articles 1 → 0/);
    await access(join(h.corpusDir, 'archive', `${SEED_ID}.md`));
    const abstained = await h.ask('Assad Moscow');
    expect(abstained.content).toMatch(/This library has no articles yet/);

    const restored = await moderator('restore', [{ name: 'article', type: 3, value: SEED_ID }]);
    expect((restored.embeds as Embed[])[0]?.description).toMatch(/Articles 0 → 1/);
    const answered = await h.ask('Assad Moscow');
    expect((answered.embeds as Embed[]).length).toBeGreaterThan(0);
  });

  it('tells the moderator plainly when the article to remove does not exist', async () => {
    const reply = await moderator('remove', [{ name: 'article', type: 3, value: 'no-such-article' }]);
    expect(reply.content).toContain('No article “no-such-article” in this server’s library');
  });

  it('serialises two refreshes at once: the second reports that it waited', async () => {
    const [first, second] = await Promise.all([moderator('refresh'), moderator('refresh')]);
    const footers = [first, second].map((reply) => (reply.embeds as Embed[])[0]?.footer?.text ?? '');
    expect(footers.filter((footer) => footer.includes('after waiting for another refresh'))).toHaveLength(1);
  });

  it('answers every question asked during refreshes, none failed, none mixed', async () => {
    const questions = Array.from({ length: 20 }, (_, i) =>
      i % 2 === 0 ? 'Assad Moscow' : 'Kursk North Korean troops',
    );
    const refreshing = Promise.all([moderator('refresh'), moderator('refresh')]);
    const replies = await Promise.all(questions.map((question) => h.ask(question)));
    await refreshing;
    for (const [i, reply] of replies.entries()) {
      const embeds = reply.embeds as Embed[];
      expect(embeds.length).toBeGreaterThan(0);
      expect(embeds[0]?.description).toContain(i % 2 === 0 ? '**Moscow**' : '**Kursk**');
    }
    expect(h.fake.rejections).toEqual([]);
  });
});
