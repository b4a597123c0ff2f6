import { InteractionContextType, SlashCommandBuilder } from 'discord.js';
import type { Command, Handler } from '../src/bot/command.js';
import { booleanOption, stringOption } from '../src/bot/interaction.js';
import { isModerator } from '../src/bot/moderation.js';
import {
  addFromUrl,
  type CorpusChange,
  listArchived,
  removeArticle,
  restoreArchived,
} from '../src/corpusAdmin.js';
import { progressMessage, refreshMessage, STATUS_PREFIX, statusMessage } from '../src/discord/corpusView.js';
import { choices, notice } from '../src/discord/responses.js';
import type { RefreshOptions } from '../src/engineStore.js';

// A deferred reply is edited with progress at most this often during a long refresh.
const PROGRESS_EVERY_MS = 1500;

const status: Handler = async (_input, respond, { store }) => {
  await respond.reply(statusMessage(store.engine, (await listArchived(store.corpusDir)).length));
  return 'status';
};

/** Checks the moderator, defers (rebuilding can outlast Discord's 3 s), runs the change, reports it. */
function moderatorAction(
  name: string,
  change: (...args: Parameters<Handler>) => (options: RefreshOptions) => Promise<CorpusChange>,
): Handler {
  return async (input, respond, services) => {
    const { logger, moderatorRoleIds } = services;
    if (!isModerator(input, moderatorRoleIds)) {
      logger.warn(
        { userId: input.userId, guildId: input.guildId ?? 'dm' },
        `Refused /corpus ${name} to a non-moderator`,
      );
      const where =
        input.guildId === null
          ? 'in a server, not in DMs'
          : 'by moderators (Manage Server or a moderator role)';
      await respond.reply(notice(`Only moderators can ${name} the corpus, and only ${where}.`));
      return 'refused';
    }
    await respond.defer({ ephemeral: true });
    let lastProgress = Date.now();
    const onProgress = (done: number, total: number) => {
      if (Date.now() - lastProgress < PROGRESS_EVERY_MS || done === total) return;
      lastProgress = Date.now();
      respond
        .edit(progressMessage(done, total))
        .catch((err: unknown) => logger.warn({ err }, 'Progress edit failed'));
    };
    let result: CorpusChange;
    try {
      result = await change(
        input,
        respond,
        services,
      )({ skipInvalid: booleanOption(input, 'skip-invalid') ?? false, onProgress });
    } catch (error) {
      // Expected refusals (bad URL, duplicate, no such article) are the moderator's to fix, not ours.
      if (error instanceof Error && /^(IngestError|ArchiveError)$/.test(error.name)) {
        await respond.edit(notice(error.message.replace(/^corpus: /, '')));
        return `${name}-refused`;
      }
      throw error;
    }
    const { report } = result;
    logger.info(
      {
        action: name,
        status: report.status,
        problems: report.problems.length,
        ms: Math.round(report.ms),
        ...report.after,
      },
      'Corpus changed',
    );
    await respond.edit(refreshMessage(report, result.summary));
    return `${name}-${report.status}`;
  };
}

const refresh = moderatorAction('refresh', (_input, _respond, { store }) => async (options) => ({
  summary: '',
  report: await store.refresh(options),
}));

const add = moderatorAction(
  'add to',
  (input, _respond, { store, allowPrivateUrls }) =>
    (options) =>
      addFromUrl(store, stringOption(input, 'url') ?? '', {
        ...options,
        allowPrivateAddresses: allowPrivateUrls ?? false,
      }),
);

const remove = moderatorAction(
  'remove from',
  (input, _respond, { store }) =>
    (options) =>
      removeArticle(store, stringOption(input, 'article') ?? '', options),
);

const restore = moderatorAction(
  'restore to',
  (input, _respond, { store }) =>
    (options) =>
      restoreArchived(store, stringOption(input, 'article') ?? '', options),
);

const SUBCOMMANDS: Readonly<Record<string, Handler>> = { status, refresh, add, remove, restore };

/**
 * /corpus status (everyone) and refresh, add, remove, restore (moderators). Discord's
 * default_member_permissions applies to a whole command, so it is left open for status and
 * moderation is checked per subcommand, in guilds only.
 */
export const corpus: Command = {
  data: new SlashCommandBuilder()
    .setName('corpus')
    .setDescription('The news articles the bot answers from')
    .addSubcommand((sub) =>
      sub.setName('status').setDescription('Which articles are loaded, and when the index was built'),
    )
    .addSubcommand((sub) =>
      sub
        .setName('refresh')
        .setDescription('Moderators: reload the article files and rebuild the index')
        .addBooleanOption((option) =>
          option
            .setName('skip-invalid')
            .setDescription('Load the valid files even if some files have problems'),
        ),
    )
    .addSubcommand((sub) =>
      sub
        .setName('add')
        .setDescription('Moderators: add a news article from its web page')
        .addStringOption((option) =>
          option
            .setName('url')
            .setDescription('https:// address of the article')
            .setRequired(true)
            .setMaxLength(2000),
        ),
    )
    .addSubcommand((sub) =>
      sub
        .setName('remove')
        .setDescription('Moderators: move an article to the archive (nothing is deleted)')
        .addStringOption((option) =>
          option.setName('article').setDescription('The article').setRequired(true).setAutocomplete(true),
        ),
    )
    .addSubcommand((sub) =>
      sub
        .setName('restore')
        .setDescription('Moderators: bring an archived article back')
        .addStringOption((option) =>
          option
            .setName('article')
            .setDescription('The archived article')
            .setRequired(true)
            .setAutocomplete(true),
        ),
    )
    .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
    .toJSON(),

  async execute(input, respond, services) {
    const handler = SUBCOMMANDS[input.subcommand ?? ''];
    if (!handler) throw new Error(`corpus: unknown subcommand "${input.subcommand}"`);
    return handler(input, respond, services);
  },

  async autocomplete(input, respond, { store }) {
    const typed = (input.focused?.value ?? '').toLowerCase();
    const candidates =
      input.subcommand === 'restore'
        ? (await listArchived(store.corpusDir)).map((id) => ({ name: id, value: id }))
        : store.engine.corpus.articles.map((article) => ({
            name: `${article.title} (${article.published})`,
            value: article.id,
          }));
    await respond.autocomplete(
      choices(candidates.filter((choice) => `${choice.name} ${choice.value}`.toLowerCase().includes(typed))),
    );
    return 'autocomplete';
  },

  async button(input, respond, { store }) {
    const match = new RegExp(`^${STATUS_PREFIX}:(-?\\d+)$`).exec(input.customId ?? '');
    if (!match) throw new Error(`corpus: unknown button "${input.customId}"`);
    const page = Number(match[1]);
    await respond.reply({
      ...statusMessage(store.engine, (await listArchived(store.corpusDir)).length, page),
      ephemeral: true,
    });
    return 'status-page';
  },
};
