import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Permission } from '../fakeDiscord/index.js';
import { type Harness, startHarness } from './harness.js';

type Embed = { title?: string; description?: string; footer?: { text: string } };

const NEW_ARTICLE = `---
title: Kremlin says talks with Washington could start soon
url: https://example.com/news/2024-12-20/kremlin-talks
publisher: Example News
published: 2024-12-20
---
The Kremlin said on Friday that talks with Washington about Ukraine could begin early next year.

Subscribe to our newsletter for the best stories direct to your inbox.

Officials gave no date for the first round of negotiations.
`;

describe('/corpus', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  const corpus = async (
    subcommand: string,
    who: { roles?: string[]; permissions?: bigint; dm?: boolean } = {},
    options: { name: string; type: 5; value: boolean }[] = [],
  ) => {
    const sent = h.fake.sendChatInput({
      name: subcommand === 'status' ? 'corpus' : 'library',
      options: [{ name: subcommand, type: 1, options }],
      ...(who.roles ? { roles: who.roles } : {}),
      ...(who.permissions !== undefined ? { permissions: who.permissions } : {}),
      ...(who.dm ? { dm: true } : {}),
    });
    const kind = subcommand === 'refresh' && (who.roles || who.permissions) ? 'edit' : 'callback';
    return (await h.fake.waitForResponse(sent.id, { kind, timeoutMs: 10_000 })).data;
  };

  it('shows everyone what the corpus holds', async () => {
    const reply = await corpus('status');
    const [status] = reply.embeds as Embed[];
    expect(status?.title).toBe('Corpus: 1 article');
    expect(status?.description).toBe(
      "• **'I will be ready': Putin says he will meet Trump** — ITV News, 19 December 2024, 19 paragraphs, 10 quotes",
    );
    expect(status?.footer?.text).toMatch(
      /^\d+ passages · index [0-9a-f]{12} built \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC · 0 archived$/,
    );
  });

  it('refuses refresh to members without Manage Server or a moderator role, privately', async () => {
    const reply = await corpus('refresh');
    expect(reply.content).toMatch(
      /^Only this server’s moderators \(Manage Server or a moderator role\) can refresh articles/,
    );
    expect(Number(reply.flags) & 64).toBe(64);
    expect(h.logs.some((line) => line.msg === 'Refused /library refresh to a non-moderator')).toBe(true);
  });

  it('refuses refresh in DMs, even to a server moderator', async () => {
    const reply = await corpus('refresh', { dm: true });
    expect(reply.content).toMatch(/managed in a server, not in DMs/);
  });

  it('lets a moderator role refresh: reports the added article and the new totals, and /ask finds it', async () => {
    await writeFile(join(h.corpusDir, '2024-12-20-kremlin-talks.md'), NEW_ARTICLE);
    const reply = await corpus('refresh', { roles: [h.fake.roleId('Moderator')] });
    const [report] = reply.embeds as Embed[];
    expect(report?.title).toBe('Shared library refreshed');
    expect(report?.description).toContain('**Added:** “Kremlin says talks with Washington could start soon”');
    expect(report?.description).toMatch(/Articles 1 → 2/);
    const answer = await h.ask('When could talks with Washington begin?');
    expect((answer.embeds as Embed[])[0]?.title).toBe('Kremlin says talks with Washington could start soon');
  });

  it('keeps the current index when a file is broken and names the file and line (Manage Server may refresh)', async () => {
    await writeFile(
      join(h.corpusDir, 'broken.md'),
      '---\ntitle: Broken\nurl: not a url\npublisher: X\npublished: 2024-13-45\n---\nBody.\n',
    );
    const reply = await corpus('refresh', { permissions: Permission.ManageGuild | Permission.ViewChannel });
    const [report] = reply.embeds as Embed[];
    expect(report?.title).toBe('Refresh stopped: the current corpus keeps serving');
    expect(report?.description).toContain('`broken.md:3: bad url "not a url": expected an http(s) URL`');
    expect(report?.description).toContain(
      '`broken.md:5: bad published date "2024-13-45": expected YYYY-MM-DD`',
    );
    const answer = await h.ask('Assad Moscow');
    expect((answer.embeds as Embed[]).length).toBeGreaterThan(0);
  });

  it('applies the valid files and lists the skipped ones when asked to skip invalid files', async () => {
    const reply = await corpus('refresh', { roles: [h.fake.roleId('Moderator')] }, [
      { name: 'skip-invalid', type: 5, value: true },
    ]);
    const [report] = reply.embeds as Embed[];
    expect(report?.title).toBe('Shared library refreshed');
    expect(report?.description).toContain('**Skipped (invalid):**');
    expect(report?.description).toContain('broken.md:3');
  });

  it('shows the shared-library refreshes in the home server’s history, with who made them and how they ended', async () => {
    const sent = h.fake.sendChatInput({
      name: 'library',
      options: [{ name: 'history', type: 1, options: [] }],
      roles: [h.fake.roleId('Moderator')],
    });
    const reply = (await h.fake.waitForResponse(sent.id)).data;
    const lines = ((reply.embeds as Embed[])[0]?.description ?? '').split('\n');
    expect(lines[0]).toMatch(/^<t:\d+:R> <@\d+> refreshed \(shared library\): skipped 1 invalid file$/);
    expect(lines).toContainEqual(
      expect.stringMatching(/refreshed \(shared library\).*\(not applied: problems in the files\)$/),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(/refreshed \(shared library\): added “Kremlin says talks/),
    );
  });
});
