import { InteractionContextType, SlashCommandBuilder } from 'discord.js';
import type { Command, Handler } from '../src/bot/command.js';
import { booleanOption } from '../src/bot/interaction.js';
import { isModerator } from '../src/bot/moderation.js';
import { refreshMessage, statusMessage } from '../src/discord/corpusView.js';
import { notice } from '../src/discord/responses.js';

const status: Handler = async (_input, respond, { store }) => {
  await respond.reply(statusMessage(store.engine));
  return 'status';
};

const refresh: Handler = async (input, respond, { store, logger, moderatorRoleIds }) => {
  if (!isModerator(input, moderatorRoleIds)) {
    logger.warn(
      { userId: input.userId, guildId: input.guildId ?? 'dm' },
      'Refused /corpus refresh to a non-moderator',
    );
    const where =
      input.guildId === null
        ? 'in a server, not in DMs'
        : 'by moderators (Manage Server or a moderator role)';
    await respond.reply(notice(`Only moderators can refresh the corpus, and only ${where}.`));
    return 'refused';
  }
  // Rebuilding can take longer than Discord's 3 s: acknowledge first.
  await respond.defer({ ephemeral: true });
  const report = await store.refresh({ skipInvalid: booleanOption(input, 'skip-invalid') ?? false });
  logger.info(
    { status: report.status, problems: report.problems.length, ms: Math.round(report.ms), ...report.after },
    'Corpus refresh',
  );
  await respond.edit(refreshMessage(report));
  return `refresh-${report.status}`;
};

const SUBCOMMANDS: Readonly<Record<string, Handler>> = { status, refresh };

/**
 * /corpus status (everyone) and /corpus refresh (moderators). Discord's default_member_permissions
 * applies to a whole command, so it is left open for status and moderation is checked per subcommand.
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
    .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
    .toJSON(),

  async execute(input, respond, services) {
    const handler = SUBCOMMANDS[input.subcommand ?? ''];
    if (!handler) throw new Error(`corpus: unknown subcommand "${input.subcommand}"`);
    return handler(input, respond, services);
  },
};
