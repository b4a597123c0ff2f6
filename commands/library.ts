import {
  ApplicationIntegrationType,
  ChannelType,
  InteractionContextType,
  PermissionFlagsBits,
  SlashCommandBuilder,
} from 'discord.js';
import type { Command, CommandServices, Handler } from '../src/bot/command.js';
import {
  booleanOption,
  type InteractionInput,
  type Responder,
  stringOption,
} from '../src/bot/interaction.js';
import { isHome, isModerator } from '../src/bot/moderation.js';
import { UserError } from '../src/bot/userError.js';
import { addFromUrl, listArchived, removeArticle, restoreArchived } from '../src/corpusAdmin.js';
import { progressMessage, refreshMessage } from '../src/discord/corpusView.js';
import { changeLogMessage, historyMessage, settingsMessage } from '../src/discord/libraryView.js';
import { choices, notice } from '../src/discord/responses.js';
import type { RefreshOptions } from '../src/engineStore.js';
import { articleLabel } from '../src/library/findArticle.js';
import type { LibraryChange } from '../src/library/libraries.js';

// A deferred reply is edited with progress at most this often during a long refresh of the shared library.
const PROGRESS_EVERY_MS = 1500;
// Errors a moderator can act on (bad URL, duplicate, no such article): shown as they are.
const EXPECTED_ERRORS = /^(IngestError|ArchiveError|StoreError|CorpusBusyError)$/;

type Library = 'shared' | 'server';
type Change = (
  input: InteractionInput,
  services: CommandServices,
  options: RefreshOptions,
) => Promise<LibraryChange>;

class Refusal extends Error {}

const guildOf = (input: InteractionInput) => input.guildId ?? '';
const actorOf = (input: InteractionInput) => ({ userId: input.userId });

/** Which library a change goes to: the shared one by default in a home server, the server's own elsewhere. */
function targetLibrary(input: InteractionInput, services: CommandServices): Library {
  const asked = stringOption(input, 'library');
  if (asked === 'shared' && !isHome(input, services))
    throw new Refusal(
      'Only the bot’s home servers can change the shared library that every server sees. Leave out “library” to change this server’s own.',
    );
  return asked === 'server' || asked === 'shared' ? asked : isHome(input, services) ? 'shared' : 'server';
}

/** Checks the moderator, defers (fetching and rebuilding can outlast Discord's 3 s), runs the change, reports and logs it. */
function moderatorChange(name: string, change: Change): Handler {
  return async (input, respond, services) => {
    if (!(await allowed(name, input, respond, services))) return 'refused';
    await respond.defer({ ephemeral: true });
    let result: LibraryChange;
    try {
      result = await change(input, services, {
        skipInvalid: booleanOption(input, 'skip-invalid') ?? false,
        onProgress: progressReporter(respond, services),
      });
    } catch (error) {
      if (error instanceof Refusal || (error instanceof Error && EXPECTED_ERRORS.test(error.name))) {
        await respond.edit(notice(error.message.replace(/^corpus: /, '')));
        return `${name}-refused`;
      }
      throw error;
    }
    const { report } = result;
    services.logger.info(
      {
        action: name,
        library: result.library,
        status: report.status,
        problems: report.problems.length,
        ms: Math.round(report.ms),
        ...report.after,
      },
      'Library changed',
    );
    await respond.edit(
      refreshMessage(
        report,
        result.summary,
        result.library === 'shared' ? 'Shared library refreshed' : 'This server’s library updated',
      ),
    );
    if (report.status === 'applied') await postToLog(input, services, name, result.summary);
    return `${name}-${result.library}-${report.status}`;
  };
}

async function allowed(
  name: string,
  input: InteractionInput,
  respond: Responder,
  services: CommandServices,
): Promise<boolean> {
  if (input.guildId !== null && (await isModerator(input, services))) return true;
  services.logger.warn(
    { userId: input.userId, guildId: input.guildId ?? 'dm' },
    `Refused /library ${name} to a non-moderator`,
  );
  await respond.reply(
    notice(
      input.guildId === null
        ? 'The library is managed in a server, not in DMs.'
        : `Only this server’s moderators (Manage Server or a moderator role) can ${name} articles.`,
    ),
  );
  return false;
}

function progressReporter(respond: Responder, services: CommandServices) {
  let last = Date.now();
  return (done: number, total: number) => {
    if (Date.now() - last < PROGRESS_EVERY_MS || done === total) return;
    last = Date.now();
    respond
      .edit(progressMessage(done, total))
      .catch((err: unknown) => services.logger.warn({ err }, 'Progress edit failed'));
  };
}

/** Posts the change in the server's log channel; a channel the bot cannot post in is logged, not fatal. */
async function postToLog(
  input: InteractionInput,
  services: CommandServices,
  action: string,
  summary: string,
  safe = false,
) {
  const channelId = (await services.libraries.store.settings(guildOf(input))).logChannelId;
  if (!channelId || !services.postToChannel) return;
  await services
    .postToChannel(channelId, changeLogMessage(input.userId, action, summary, safe))
    .catch((err: unknown) =>
      services.logger.warn({ err, guildId: input.guildId, channelId }, 'Could not post to the log channel'),
    );
}

// --- the changes --------------------------------------------------------------------------------

const add = moderatorChange('add', (input, services, options) => {
  const url = stringOption(input, 'url') ?? '';
  const { libraries, allowPrivateUrls = false } = services;
  if (targetLibrary(input, services) === 'shared') {
    return libraries.sharedChange(
      guildOf(input),
      actorOf(input),
      'add',
      () => addFromUrl(libraries.shared, url, { ...options, allowPrivateAddresses: allowPrivateUrls }),
      { url },
    );
  }
  return libraries.addToServer(guildOf(input), url, actorOf(input), {
    allowPrivateAddresses: allowPrivateUrls,
  });
});

const remove = moderatorChange('remove', async (input, services, options) => {
  const id = stringOption(input, 'article') ?? '';
  const { libraries } = services;
  const view = await libraries.view(guildOf(input));
  if (view.ownIds.has(id)) return libraries.removeFromServer(guildOf(input), id, actorOf(input));
  const shared = libraries.shared.engine.corpus.articles.find((article) => article.id === id);
  if (shared && isHome(input, services))
    return libraries.sharedChange(
      guildOf(input),
      actorOf(input),
      'remove',
      () => removeArticle(libraries.shared, id, options),
      { article: id },
    );
  if (shared)
    throw new Refusal(
      `“${shared.title}” is in the shared library, which every server sees. /library hide hides it in this server only.`,
    );
  throw new Refusal(`No article “${id}” in this server’s library. Pick one from the list as you type.`);
});

const restore = moderatorChange('restore', async (input, services, options) => {
  const id = stringOption(input, 'article') ?? '';
  const { libraries } = services;
  if ((await libraries.archivedIds(guildOf(input))).includes(id))
    return libraries.restoreToServer(guildOf(input), id, actorOf(input));
  if (isHome(input, services) && (await listArchived(libraries.shared.corpusDir)).includes(id))
    return libraries.sharedChange(
      guildOf(input),
      actorOf(input),
      'restore',
      () => restoreArchived(libraries.shared, id, options),
      { article: id },
    );
  throw new Refusal(`No archived article “${id}” here. Pick one from the list as you type.`);
});

const refresh = moderatorChange('refresh', (input, services, options) => {
  const { libraries, allowPrivateUrls = false } = services;
  if (targetLibrary(input, services) === 'shared') {
    return libraries.sharedChange(guildOf(input), actorOf(input), 'refresh', async () => ({
      summary: '',
      report: await libraries.shared.refresh(options),
    }));
  }
  return libraries.refreshServer(guildOf(input), actorOf(input), { allowPrivateAddresses: allowPrivateUrls });
});

const hide = moderatorChange('hide', (input, { libraries }) =>
  libraries.hide(guildOf(input), stringOption(input, 'article') ?? '', actorOf(input)),
);

const unhide = moderatorChange('unhide', (input, { libraries }) =>
  libraries.unhide(guildOf(input), stringOption(input, 'article') ?? '', actorOf(input)),
);

const history: Handler = async (input, respond, services) => {
  if (!(await allowed('see the history of', input, respond, services))) return 'refused';
  await respond.reply(
    historyMessage(await services.libraries.history(guildOf(input), isHome(input, services), 15)),
  );
  return 'history';
};

/** Shows the settings, or changes them: only Manage Server may choose who moderates. */
const settings: Handler = async (input, respond, services) => {
  if (!(await allowed('change the settings of', input, respond, services))) return 'refused';
  const { store } = services.libraries;
  const guildId = guildOf(input);
  const addRole = stringOption(input, 'moderator-role');
  const dropRole = stringOption(input, 'remove-moderator-role');
  const logChannel = stringOption(input, 'log-channel');
  const noLog = booleanOption(input, 'no-log-channel') ?? false;
  const changing = addRole !== undefined || dropRole !== undefined || logChannel !== undefined || noLog;
  if (changing && !input.canManageGuild) {
    await respond.reply(
      notice('Only members with Manage Server can change who moderates and where changes are posted.'),
    );
    return 'settings-refused';
  }
  const done: string[] = [];
  try {
    if (addRole)
      done.push(
        `moderator role <@&${addRole}> added (${(await store.setModeratorRole(guildId, addRole, true, actorOf(input))).length} now)`,
      );
    if (dropRole)
      done.push(
        `moderator role <@&${dropRole}> removed (${(await store.setModeratorRole(guildId, dropRole, false, actorOf(input))).length} left)`,
      );
    if (logChannel || noLog) {
      await store.setLogChannel(guildId, noLog ? null : (logChannel ?? null), actorOf(input));
      done.push(noLog ? 'changes are no longer posted' : `changes are posted in <#${logChannel}>`);
    }
  } catch (error) {
    if (!(error instanceof Error && EXPECTED_ERRORS.test(error.name))) throw error;
    await respond.reply(notice(error.message));
    return 'settings-refused';
  }
  // Role and channel ids come from Discord's own option types, so their mentions are safe to show.
  if (done.length > 0) await postToLog(input, services, 'settings', done.join('; '), true);
  await respond.reply(
    settingsMessage(await store.settings(guildId), isHome(input, services), services.moderatorRoleIds),
  );
  return changing ? 'settings-changed' : 'settings';
};

const SUBCOMMANDS: Readonly<Record<string, Handler>> = {
  add,
  remove,
  restore,
  refresh,
  hide,
  unhide,
  history,
  settings,
};

const libraryChoice = (option: import('discord.js').SlashCommandStringOption) =>
  option
    .setName('library')
    .setDescription('Home servers: the shared library (default there) or this server’s own')
    .addChoices(
      { name: 'this server’s own', value: 'server' },
      { name: 'shared (home servers only)', value: 'shared' },
    );

const articleOption = (description: string) => (option: import('discord.js').SlashCommandStringOption) =>
  option
    .setName('article')
    .setDescription(description)
    .setRequired(true)
    .setAutocomplete(true)
    .setMaxLength(200);

/**
 * /library: moderators keep this server's library current. Its default permission is Manage Server,
 * so admins may grant it to other roles under Server Settings → Integrations; handlers check again.
 */
export const library: Command = {
  data: new SlashCommandBuilder()
    .setName('library')
    .setDescription('Moderators: manage the articles this server is answered from')
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
    .setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
    .setContexts(InteractionContextType.Guild)
    .addSubcommand((sub) =>
      sub
        .setName('add')
        .setDescription('Add a news article from its web page')
        .addStringOption((option) =>
          option
            .setName('url')
            .setDescription('https:// address of the article')
            .setRequired(true)
            .setMaxLength(2000),
        )
        .addStringOption(libraryChoice),
    )
    .addSubcommand((sub) =>
      sub
        .setName('remove')
        .setDescription('Move an article to the archive (nothing is deleted)')
        .addStringOption(articleOption('The article')),
    )
    .addSubcommand((sub) =>
      sub
        .setName('restore')
        .setDescription('Bring an archived article back')
        .addStringOption(articleOption('The archived article')),
    )
    .addSubcommand((sub) =>
      sub
        .setName('refresh')
        .setDescription('Fetch this server’s articles again (home servers: reload the shared library)')
        .addBooleanOption((option) =>
          option
            .setName('skip-invalid')
            .setDescription('Shared library: load the valid files even if some have problems'),
        )
        .addStringOption(libraryChoice),
    )
    .addSubcommand((sub) =>
      sub
        .setName('hide')
        .setDescription('Hide a shared article in this server only')
        .addStringOption(articleOption('The shared article')),
    )
    .addSubcommand((sub) =>
      sub
        .setName('unhide')
        .setDescription('Show a hidden shared article here again')
        .addStringOption(articleOption('The hidden article')),
    )
    .addSubcommand((sub) => sub.setName('history').setDescription('Recent changes to this server’s library'))
    .addSubcommand((sub) =>
      sub
        .setName('settings')
        .setDescription('Who moderates the library here, and where changes are posted')
        .addRoleOption((option) =>
          option.setName('moderator-role').setDescription('Let this role manage the library'),
        )
        .addRoleOption((option) =>
          option.setName('remove-moderator-role').setDescription('Stop this role managing the library'),
        )
        .addChannelOption((option) =>
          option
            .setName('log-channel')
            .setDescription('Post every change to the library in this channel')
            .addChannelTypes(ChannelType.GuildText, ChannelType.GuildAnnouncement),
        )
        .addBooleanOption((option) =>
          option.setName('no-log-channel').setDescription('Stop posting changes'),
        ),
    )
    .toJSON(),

  async execute(input, respond, services) {
    const handler = SUBCOMMANDS[input.subcommand ?? ''];
    if (!handler)
      throw new UserError(
        'That /library command is not available any more: see /library for the ones there are.',
      );
    return handler(input, respond, services);
  },

  async autocomplete(input, respond, services) {
    if (input.guildId === null || !(await isModerator(input, services))) {
      await respond.autocomplete([]);
      return 'autocomplete-refused';
    }
    const typed = (input.focused?.value ?? '').toLowerCase();
    const { libraries } = services;
    const home = isHome(input, services);
    const view = await libraries.view(input.guildId);
    const named = (list: readonly { id: string; title: string; published: string }[]) =>
      list.map((article) => ({ name: articleLabel(article), value: article.id }));
    const byId = (ids: readonly string[]) => ids.map((id) => ({ name: id, value: id }));
    let candidates: { name: string; value: string }[];
    switch (input.subcommand) {
      case 'remove':
        candidates = named(view.articles.filter((article) => home || view.ownIds.has(article.id)));
        break;
      case 'restore':
        candidates = byId([
          ...(await libraries.archivedIds(input.guildId)),
          ...(home ? await listArchived(libraries.shared.corpusDir) : []),
        ]);
        break;
      case 'hide':
        candidates = named(view.articles.filter((article) => !view.ownIds.has(article.id)));
        break;
      case 'unhide':
        candidates = named(view.hidden);
        break;
      default:
        candidates = [];
    }
    await respond.autocomplete(
      choices(candidates.filter((choice) => `${choice.name} ${choice.value}`.toLowerCase().includes(typed))),
    );
    return 'autocomplete';
  },
};
