import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './harness.js';

type Embed = { title?: string; description?: string };
type Row = { components: { custom_id: string; label: string }[] };
type Choice = { name: string; value: string };

const EPHEMERAL = 1 << 6;
const SEED_TITLE = "'I will be ready': Putin says he will meet Trump";
const KREMLIN_TITLE = 'Kremlin says talks with Washington could start soon';
const KREMLIN = `---
title: ${KREMLIN_TITLE}
url: https://example.com/news/2024-12-20/kremlin-talks
publisher: Example News
published: 2024-12-20
---
The Kremlin said on Friday that talks with Washington about Ukraine could begin early next year.

Officials gave no date for the first round of negotiations, and no place for a meeting between Putin and Trump.

A spokesman said Putin was ready to meet Trump once the new president took office.
`;

// /ask's article option, on a library of two articles that both talk about Putin meeting Trump.
describe('/ask article: one article only', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    await writeFile(join(h.corpusDir, '2024-12-20-kremlin-talks.md'), KREMLIN);
    await h.store.refresh();
  });
  afterAll(async () => {
    await h.close();
  });

  const autocomplete = async (typed: string, question = ''): Promise<Choice[]> => {
    const sent = h.fake.sendAutocomplete({
      name: 'ask',
      focused: { name: 'article', value: typed },
      options: [
        { name: 'question', type: 3, value: question },
        { name: 'article', type: 3, value: typed, focused: true },
      ],
    });
    return ((await h.fake.waitForResponse(sent.id)).data as { choices: Choice[] }).choices;
  };
  const titles = (reply: Record<string, unknown>) => (reply.embeds as Embed[]).map((embed) => embed.title);

  it('autocompletes the library’s articles by title, newest first, each valued by a short token', async () => {
    const all = await autocomplete('');
    expect(all.map((choice) => choice.name)).toEqual([
      `${KREMLIN_TITLE} (2024-12-20)`,
      `${SEED_TITLE} (2024-12-19)`,
    ]);
    for (const choice of all) expect(choice.value).toMatch(/^[0-9a-z]{14}$/);
    expect((await autocomplete('WILL MEET')).map((choice) => choice.name)).toEqual([
      `${SEED_TITLE} (2024-12-19)`,
    ]);
    expect(await autocomplete('no such words')).toEqual([]);
  });

  it('puts first the articles that answer the question typed so far, then the newest', async () => {
    const names = async (question: string) => (await autocomplete('', question)).map((choice) => choice.name);
    expect(await names('did assad get refuge in moscow')).toEqual([
      `${SEED_TITLE} (2024-12-19)`,
      `${KREMLIN_TITLE} (2024-12-20)`,
    ]);
    expect(await names('when could talks with washington begin')).toEqual([
      `${KREMLIN_TITLE} (2024-12-20)`,
      `${SEED_TITLE} (2024-12-19)`,
    ]);
    expect(await names('What is the capital of Australia?')).toEqual([
      `${KREMLIN_TITLE} (2024-12-20)`,
      `${SEED_TITLE} (2024-12-19)`,
    ]);
  });

  it('answers from the picked article only, and says so under the question', async () => {
    const [kremlin, seed] = await autocomplete('');
    const question = 'is putin ready to meet trump';
    const everywhere = await h.ask(question);
    expect(new Set(titles(everywhere))).toEqual(new Set([SEED_TITLE, KREMLIN_TITLE]));

    const fromSeed = await h.ask(question, { article: seed?.value ?? '' });
    expect(titles(fromSeed).length).toBeGreaterThan(0);
    expect(new Set(titles(fromSeed))).toEqual(new Set([SEED_TITLE]));
    expect(fromSeed.content).toBe(`**${question}**\n-# Asked of “${SEED_TITLE}” only`);
    expect(fromSeed.allowed_mentions).toEqual({ parse: [] });

    const fromKremlin = await h.ask(question, { article: kremlin?.value ?? '' });
    expect(new Set(titles(fromKremlin))).toEqual(new Set([KREMLIN_TITLE]));
    expect((fromKremlin.embeds as Embed[])[0]?.description?.replaceAll('**', '')).toContain(
      'Putin was ready to meet Trump',
    );
  });

  it('takes a typed title instead of a picked one (some clients send what was typed)', async () => {
    const reply = await h.ask('when could talks begin', { article: 'kremlin says talks' });
    expect(titles(reply)[0]).toBe(KREMLIN_TITLE);
    expect((reply.embeds as Embed[])[0]?.description?.replaceAll('**', '')).toContain('early next year');
  });

  it('names what the picked article lacks, though another article has it', async () => {
    const reply = await h.ask('did assad get refuge in moscow', { article: 'kremlin' });
    expect(reply.content).toBe(
      `“${KREMLIN_TITLE}” doesn’t mention “assad”, “refuge” and “moscow”, so it can’t answer that. Leave “article” out to ask every article.`,
    );
    expect(Number(reply.flags) & EPHEMERAL).toBe(EPHEMERAL);
    expect(titles(await h.ask('did assad get refuge in moscow'))[0]).toBe(SEED_TITLE);

    // Where the article talks about the subject but lacks the fact, the hedge speaks of the one article.
    const related = await h.ask('when did putin last meet assad', { article: 'kremlin' });
    expect(related.content).toBe(
      `**when did putin last meet assad**\n-# Asked of “${KREMLIN_TITLE}” only\nThe article doesn’t say exactly (nothing on “last” and “assad”). Closest passages:`,
    );
  });

  it('says plainly when no article, or more than one, matches what was typed', async () => {
    const none = await h.ask('assad', { article: 'bananas 🍌 @everyone' });
    expect(none.content).toBe(
      'No article here matches “bananas 🍌 @\u200beveryone”. Pick one from the list as you type, or leave “article” out to ask every article.',
    );
    expect(Number(none.flags) & EPHEMERAL).toBe(EPHEMERAL);
    expect(none.allowed_mentions).toEqual({ parse: [] });
    const several = await h.ask('assad', { article: 'says' });
    expect(several.content).toMatch(/^2 articles match “says”\. Pick one from the list/);
  });

  it('keeps its buttons on the same article: more results and post to channel', async () => {
    const [, seed] = await autocomplete('');
    const reply = await h.ask('putin', { article: seed?.value ?? '', private: true });
    const buttons = (reply.components as Row[])[0]?.components ?? [];
    const more = buttons.find((button) => button.label === 'More results');
    expect(more?.custom_id).toMatch(new RegExp(`^ask:more:3~${seed?.value}:putin$`));
    const click = h.fake.sendButton({ customId: more?.custom_id ?? '' });
    const next = (await h.fake.waitForResponse(click.id)).data;
    expect(titles(next).length).toBeGreaterThan(0);
    expect(new Set(titles(next))).toEqual(new Set([SEED_TITLE]));
    expect(next.content).toContain(`Asked of “${SEED_TITLE}” only`);

    const post = buttons.find((button) => button.label === 'Post to channel');
    const posted = h.fake.sendButton({ customId: post?.custom_id ?? '' });
    const shown = (await h.fake.waitForResponse(posted.id)).data;
    expect(Number(shown.flags ?? 0) & EPHEMERAL).toBe(0);
    expect(shown.embeds).toEqual(reply.embeds);
  });

  it('tells whoever clicks a button of an article since removed to ask again', async () => {
    const reply = h.fake.sendButton({ customId: 'ask:more:3~zzzzzzzzzzzzzz:putin' });
    expect((await h.fake.waitForResponse(reply.id)).data.content).toBe(
      'That article is not in this library any more: ask the question again.',
    );
  });
});
