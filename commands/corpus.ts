import { ApplicationIntegrationType, InteractionContextType, SlashCommandBuilder } from 'discord.js';
import type { Command, CommandServices } from '../src/bot/command.js';
import type { InteractionInput } from '../src/bot/interaction.js';
import { isHome } from '../src/bot/moderation.js';
import { UserError } from '../src/bot/userError.js';
import { listArchived } from '../src/corpusAdmin.js';
import { STATUS_PREFIX, statusMessage } from '../src/discord/corpusView.js';
import type { LibraryView } from '../src/library/libraries.js';

/** Archived articles this server's moderators can restore: its own, and the shared ones in a home server. */
async function archivedCount(input: InteractionInput, services: CommandServices): Promise<number> {
  if (input.guildId === null) return 0;
  const own = (await services.libraries.archivedIds(input.guildId)).length;
  const shared = isHome(input, services)
    ? (await listArchived(services.libraries.shared.corpusDir)).length
    : 0;
  return own + shared;
}

async function status(input: InteractionInput, services: CommandServices, page = 0) {
  const view: LibraryView = await services.libraries.view(input.guildId);
  return statusMessage(view, await view.quotes(), await archivedCount(input, services), page);
}

/**
 * /corpus status: what this server is answered from (the shared library minus what it hid, plus its
 * own articles; in DMs the shared library). Open to everyone; moderators change it with /library.
 */
export const corpus: Command = {
  data: new SlashCommandBuilder()
    .setName('corpus')
    .setDescription('The news articles the bot answers from here')
    .addSubcommand((sub) =>
      sub.setName('status').setDescription('Which articles are loaded here, and when the index was built'),
    )
    .setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
    .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
    .toJSON(),

  async execute(input, respond, services) {
    if (input.subcommand !== 'status')
      throw new UserError('That /corpus command is not available any more: try /corpus status.');
    await respond.reply(await status(input, services));
    return 'status';
  },

  async button(input, respond, services) {
    const match = new RegExp(`^${STATUS_PREFIX}:(-?\\d+)$`).exec(input.customId ?? '');
    if (!match) throw new UserError('That button is not one of Excerpt’s: run /corpus status again.');
    await respond.reply({ ...(await status(input, services, Number(match[1]))), ephemeral: true });
    return 'status-page';
  },
};
