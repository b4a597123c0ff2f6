import { answer, compactQuestion } from '../src/answer/answer.js';
import type { Command } from '../src/bot/command.js';
import { askMessage } from '../src/discord/askView.js';
import { peopleFor } from '../src/library/peopleFor.js';
import { messageMenuCommand } from './reach.js';

const PAGE_SIZE = 3;

/** "Find in articles" (right-click a message → Apps): /ask with the message's text as the question. */
export const findInArticles: Command = {
  data: messageMenuCommand('Find in articles'),
  rateLimited: true,

  async execute(input, respond, { libraries }) {
    const question = input.targetMessage?.content ?? '';
    const view = await libraries.view(input.libraryId);
    const result = answer(view.index, question, {
      limit: PAGE_SIZE,
      people: await peopleFor(view, question),
    });
    // Only the person who asked sees it: they did not write the message it answers.
    await respond.reply(askMessage(result, { ephemeral: true, compact: compactQuestion(question, result) }));
    return result.answered ? 'answered' : `abstained:${result.reason}`;
  },
};
