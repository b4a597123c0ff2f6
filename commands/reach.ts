import {
  ApplicationCommandType,
  ApplicationIntegrationType,
  ContextMenuCommandBuilder,
  InteractionContextType,
  type RESTPostAPIContextMenuApplicationCommandsJSONBody,
} from 'discord.js';

/**
 * Where the commands that only read the articles can be used: installed by a server or by a user
 * for themselves, in servers, the bot's DM and private channels (a user's install in a server the bot
 * is not in answers from the shared library: see InteractionInput.libraryId).
 */
export const ANYWHERE = {
  integrationTypes: [ApplicationIntegrationType.GuildInstall, ApplicationIntegrationType.UserInstall],
  contexts: [
    InteractionContextType.Guild,
    InteractionContextType.BotDM,
    InteractionContextType.PrivateChannel,
  ],
} as const;

/** A message menu command (right-click a message → Apps) named `name`, usable ANYWHERE. */
export function messageMenuCommand(name: string): RESTPostAPIContextMenuApplicationCommandsJSONBody {
  return new ContextMenuCommandBuilder()
    .setName(name)
    .setType(ApplicationCommandType.Message)
    .setIntegrationTypes(...ANYWHERE.integrationTypes)
    .setContexts(...ANYWHERE.contexts)
    .toJSON();
}
