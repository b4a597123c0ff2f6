import type { Command } from '../src/bot/command.js';
import { quoteCheckMessage } from '../src/discord/quoteCheckView.js';
import { checkMessage } from '../src/quotes/checkQuote.js';
import { messageMenuCommand } from './reach.js';

/**
 * "Check quote" (right-click a message → Apps): each quotation in the message against the articles
 * this server sees: verbatim, altered, misattributed or not found, with the source's exact words.
 */
export const checkQuote: Command = {
  data: messageMenuCommand('Check quote'),
  rateLimited: true,

  async execute(input, respond, { libraries }) {
    const quotes = await (await libraries.view(input.libraryId)).quotes();
    const checks = checkMessage(quotes, input.targetMessage?.content ?? '');
    await respond.reply(quoteCheckMessage(checks));
    // checkMessage always checks something: the whole message when it has no quotation marks.
    return checks.map((check) => check.verdict).join(',');
  },
};
