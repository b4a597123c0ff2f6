import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { Permission } from '../fakeDiscord/index.js';
import { type Harness, startHarness } from './harness.js';

type Embed = { title?: string; description?: string; footer?: { text: string } };
type Option = { name: string; type: number; value: string | boolean };
type Guild = 'main' | 'other';

const SEED_ID = '2024-12-19-putin-says-he-will-meet-trump';
const MILLBRIDGE = 'Who chairs the Millbridge Flood Action Group?';
const MANAGER = Permission.ManageGuild | Permission.ViewChannel | Permission.UseApplicationCommands;

/**
 * Two servers on one bot: 'main' is the home server (its moderators manage the shared library),
 * 'other' is any server that invited the bot. Nothing one does may reach what the other is told.
 */
describe.each(['gateway', 'http'] as const)(
  'one bot in two servers (interactions over %s)',
  (interactions) => {
    let h: Harness;
    let site: Server;
    let page: string;
    beforeAll(async () => {
      h = await startHarness({ secondGuild: true, interactions });
      const html = await readFile('test/fixtures/news-page.html');
      site = createServer((_request, response) => {
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
      });
      await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
      page = `http://127.0.0.1:${(site.address() as AddressInfo).port}/news/millbridge-flood-wall`;
    });
    afterAll(async () => {
      await h.close();
      await new Promise((resolve) => site.close(resolve));
    });

    const library = async (
      guild: Guild,
      subcommand: string,
      options: Option[] = [],
      who: { permissions?: bigint; roles?: string[] } = { permissions: MANAGER },
    ) => {
      const sent = h.fake.sendChatInput({
        name: 'library',
        options: [{ name: subcommand, type: 1, options } as never],
        guild,
        ...(who.permissions !== undefined ? { permissions: who.permissions } : {}),
        ...(who.roles ? { roles: who.roles } : {}),
      });
      const first = await h.fake.waitForResponse(sent.id, { timeoutMs: 10_000 });
      if (first.callbackType !== 5) return first.data;
      return (await h.fake.waitForResponse(sent.id, { kind: 'edit', timeoutMs: 15_000 })).data;
    };
    const status = async (guild: Guild | 'dm') => {
      const sent = h.fake.sendChatInput({
        name: 'corpus',
        options: [{ name: 'status', type: 1, options: [] }],
        ...(guild === 'dm' ? { dm: true } : { guild }),
      });
      return ((await h.fake.waitForResponse(sent.id)).data.embeds as Embed[])[0];
    };
    const quote = async (guild: Guild | 'dm', text: string) => {
      const sent = h.fake.sendChatInput({
        name: 'quote',
        options: [{ name: 'text', type: 3, value: text }],
        ...(guild === 'dm' ? { dm: true } : { guild }),
      });
      return (await h.fake.waitForResponse(sent.id)).data;
    };
    const quoteChoices = async (guild: Guild, typed: string) => {
      const sent = h.fake.sendAutocomplete({ name: 'quote', focused: { name: 'text', value: typed }, guild });
      return ((await h.fake.waitForResponse(sent.id)).data as { choices: { name: string }[] }).choices;
    };
    const describes = (reply: Record<string, unknown>) =>
      ((reply.embeds as Embed[] | undefined) ?? [])
        .map((embed) => `${embed.title} ${embed.description}`)
        .join('\n');

    it('registers /library for Manage Server by default, in servers only', () => {
      const data = commands.get('library')?.data;
      expect(data?.default_member_permissions).toBe(String(Permission.ManageGuild));
      expect(data?.contexts).toEqual([0]);
    });

    it("refuses another server's moderator who tries to remove the shared article, and points to hide", async () => {
      const reply = await library('other', 'remove', [{ name: 'article', type: 3, value: SEED_ID }]);
      expect(reply.content).toMatch(/is in the shared library, which every server sees\. \/library hide/);
      expect(describes(await h.ask('Assad Moscow'))).toContain('**Moscow**');
      expect(describes(await h.ask('Assad Moscow', { guild: 'other' }))).toContain('**Moscow**');
    });

    it('refuses a change to the shared library from a server that is not a home server', async () => {
      const reply = await library('other', 'add', [
        { name: 'url', type: 3, value: page },
        { name: 'library', type: 3, value: 'shared' },
      ]);
      expect(reply.content).toMatch(/Only the bot’s home servers can change the shared library/);
      expect(h.store.engine.corpus.articles).toHaveLength(1);
    });

    it("adds an article to one server's library: cited, quoted and listed there, nowhere else", async () => {
      const added = await library('other', 'add', [{ name: 'url', type: 3, value: page }]);
      expect((added.embeds as Embed[])[0]?.title).toBe('This server’s library updated');
      expect(h.store.engine.corpus.articles).toHaveLength(1); // the shared library is untouched

      expect(describes(await h.ask(MILLBRIDGE, { guild: 'other' }))).toContain(
        '**Millbridge Flood Action Group**',
      );
      // The shared library answers in the main server, in DMs, and in 'other' when the command comes
      // through a user's own install of the app rather than the server's.
      for (const where of [{}, { dm: true }, { guild: 'other', userInstall: true }] as const) {
        const reply = await h.ask(MILLBRIDGE, where);
        expect(describes(reply)).not.toContain('Millbridge');
        expect(JSON.stringify(reply)).not.toContain('Flood wall');
      }
      expect(describes(await quote('other', 'we have waited long enough'))).toContain('Margaret O’Neill');
      for (const where of ['main', 'dm'] as const)
        expect(JSON.stringify(await quote(where, 'we have waited long enough'))).not.toContain('O’Neill');
      expect((await quoteChoices('other', 'waited long')).length).toBeGreaterThan(0);
      expect(JSON.stringify(await quoteChoices('main', 'waited long'))).not.toContain('O’Neill');

      expect((await status('other'))?.title).toBe('Corpus: 2 articles');
      expect((await status('other'))?.description).toContain(
        'Flood wall plan for Millbridge approved after years of delay** — The Northern Courier',
      );
      for (const where of ['main', 'dm'] as const)
        expect((await status(where))?.title).toBe('Corpus: 1 article');
    });

    it("pages 'More results' from the server it is pressed in, never from another's library", async () => {
      const button = `ask:more:0:${MILLBRIDGE}`;
      const there = h.fake.sendButton({ customId: button, guild: 'other' });
      expect(describes((await h.fake.waitForResponse(there.id)).data)).toContain('Millbridge');
      const here = h.fake.sendButton({ customId: button });
      expect(JSON.stringify((await h.fake.waitForResponse(here.id)).data)).not.toContain('Millbridge');
    });

    it('hides a shared article in one server only, and shows it again', async () => {
      const hidden = await library('other', 'hide', [{ name: 'article', type: 3, value: SEED_ID }]);
      expect((hidden.embeds as Embed[])[0]?.description).toMatch(/^Hid “'I will be ready'/);
      expect((await h.ask('Assad Moscow', { guild: 'other' })).content).toMatch(
        /doesn’t mention|Nothing in the corpus answers/,
      );
      expect(describes(await h.ask('Assad Moscow'))).toContain('**Moscow**');
      expect((await status('other'))?.footer?.text).toContain('1 shared hidden here');

      await library('other', 'unhide', [{ name: 'article', type: 3, value: SEED_ID }]);
      expect(describes(await h.ask('Assad Moscow', { guild: 'other' }))).toContain('**Moscow**');
    });

    it('lets only Manage Server choose moderator roles; a chosen role may then manage, in that server only', async () => {
      const role = h.fake.roleIdIn('other', 'Moderator');
      const member = {
        permissions: Permission.ViewChannel | Permission.UseApplicationCommands,
        roles: [role],
      };
      expect((await library('other', 'history', [], member)).content).toMatch(
        /^Only this server’s moderators/,
      );

      const set = await library('other', 'settings', [{ name: 'moderator-role', type: 8, value: role }]);
      expect((set.embeds as Embed[])[0]?.description).toContain(`<@&${role}>`);
      expect((await library('other', 'history', [], member)).embeds).toBeDefined();
      // A role moderator may manage articles but not choose who moderates.
      const escalate = await library(
        'other',
        'settings',
        [{ name: 'moderator-role', type: 8, value: h.fake.guildIdOf('other') }],
        member,
      );
      expect(escalate.content).toMatch(/Only members with Manage Server can change who moderates/);
      // The main server's moderator role (from MODERATOR_ROLE_IDS) means nothing in the other server.
      const mainRole = { permissions: member.permissions, roles: [h.fake.roleIdIn('main', 'Moderator')] };
      expect((await library('other', 'history', [], mainRole)).content).toMatch(
        /^Only this server’s moderators/,
      );
    });

    it('records every change with who made it, and posts it in the log channel without pinging anyone', async () => {
      const channelId = h.fake.channelIdOf('other');
      await library('other', 'settings', [{ name: 'log-channel', type: 7, value: channelId }]);
      await library('other', 'hide', [{ name: 'article', type: 3, value: SEED_ID }]);
      await library('other', 'unhide', [{ name: 'article', type: 3, value: SEED_ID }]);
      // Posted after the moderator has their answer.
      await expect.poll(() => h.fake.channelMessages.length).toBe(3);
      const posted = h.fake.channelMessages.filter((message) => message.channelId === channelId);
      expect(posted.map((message) => message.body.content)).toEqual([
        expect.stringMatching(/used \/library settings: changes are posted in <#\d+>$/),
        expect.stringMatching(/used \/library hide: Hid “'I will be ready'/),
        expect.stringMatching(/used \/library unhide: /),
      ]);
      for (const message of posted) expect(message.body.allowed_mentions).toEqual({ parse: [] });

      const history = (await library('other', 'history')).embeds as Embed[];
      const lines = history[0]?.description?.split('\n') ?? [];
      expect(lines[0]).toMatch(/^<t:\d+:R> <@\d+> showed again “'I will be ready'/);
      expect(lines.some((line) => /added “Flood wall plan for Millbridge/.test(line))).toBe(true);
      // The main server sees none of it.
      const mainHistory = (await library('main', 'history')).embeds as Embed[];
      expect(mainHistory[0]?.description).toBe('No changes yet.');
    });

    // Joining and leaving servers are gateway events: with interactions over HTTP the bot hears of neither.
    it.skipIf(interactions === 'http')(
      'keeps a server’s library when the bot is removed, and serves it again when re-invited',
      async () => {
        const guildId = h.fake.guildIdOf('other');
        h.fake.removeFromGuild('other');
        await expect
          .poll(() => h.logs.some((line) => line.msg.startsWith('Removed from a server')))
          .toBe(true);
        expect(await h.libraries.store.presentGuilds()).not.toContain(guildId);
        h.fake.addToGuild('other');
        await expect.poll(() => h.libraries.store.presentGuilds()).toContain(guildId);
        expect(describes(await h.ask(MILLBRIDGE, { guild: 'other' }))).toContain(
          '**Millbridge Flood Action Group**',
        );
        // Nothing the bot sent in this whole file broke one of Discord's rules, and nothing failed.
        expect(h.fake.rejections).toEqual([]);
        expect(h.logs.filter((line) => line.level >= 50)).toEqual([]);
      },
    );
  },
);
