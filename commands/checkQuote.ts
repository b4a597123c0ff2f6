import { ApplicationCommandType, ContextMenuCommandBuilder } from 'discord.js';
import type { Command } from '../src/bot/command.js';
import { quoteCheckMessage } from '../src/discord/quoteCheckView.js';
import { checkMessage } from '../src/quotes/checkQuote.js';
import { ANYWHERE } from './reach.js';

/**
 * "Check quote" (right-click a message → Apps): each quotation in the message against the articles
 * this server sees: verbatim, altered, misattributed or not found, with the source's exact words.
 */
export const checkQuote: Command = {
  data: new ContextMenuCommandBuilder()
    .setName('Check quote')
    .setType(ApplicationCommandType.Message)
    .setIntegrationTypes(...ANYWHERE.integrationTypes)
    .setContexts(...ANYWHERE.contexts)
    .toJSON(),
  rateLimited: true,

  async execute(input, respond, { libraries }) {
    const quotes = await (await libraries.view(input.libraryId)).quotes();
    const checks = checkMessage(quotes, input.targetMessage?.content ?? '');
    await respond.reply(quoteCheckMessage(checks));
    return checks.length === 0 ? 'no-quote' : checks.map((check) => check.verdict).join(',');
  },
};
