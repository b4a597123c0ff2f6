import { SlashCommandBuilder } from 'discord.js';
import type { Command } from '../src/bot/command.js';
import { helpMessage } from '../src/discord/helpView.js';
import { ANYWHERE } from './reach.js';

/** /help — what Excerpt does and does not do, its commands, and what the library here holds. */
export const help: Command = {
  data: new SlashCommandBuilder()
    .setName('help')
    .setDescription('What Excerpt does, its commands with examples, and the articles it answers from here')
    .setIntegrationTypes(...ANYWHERE.integrationTypes)
    .setContexts(...ANYWHERE.contexts)
    .toJSON(),

  async execute(input, respond, { libraries }) {
    const view = await libraries.view(input.libraryId);
    await respond.reply(helpMessage(view.articles));
    return 'help';
  },
};
