import { SlashCommandBuilder } from 'discord.js';
import { answer, compactQuestion } from '../src/answer/answer.js';
import type { Command } from '../src/bot/command.js';
import { booleanOption, stringOption } from '../src/bot/interaction.js';
import { askMessage, parseAskButton } from '../src/discord/askView.js';
import { notice } from '../src/discord/responses.js';
import { ANYWHERE } from './reach.js';

const PAGE_SIZE = 3;

/** /ask question:<text> private:<bool> — cited, verbatim passages that answer the question. */
export const ask: Command = {
  data: new SlashCommandBuilder()
    .setName('ask')
    .setDescription('Answer a question with cited, word-for-word passages from the news articles')
    .addStringOption((option) =>
      option
        .setName('question')
        .setDescription('What do you want to know?')
        .setRequired(true)
        .setMaxLength(500),
    )
    .addBooleanOption((option) => option.setName('private').setDescription('Only you see the answer'))
    .setIntegrationTypes(...ANYWHERE.integrationTypes)
    .setContexts(...ANYWHERE.contexts)
    .toJSON(),
  rateLimited: true,

  async execute(input, respond, { libraries }) {
    const question = stringOption(input, 'question') ?? '';
    const { index } = await libraries.view(input.libraryId);
    const result = answer(index, question, { limit: PAGE_SIZE });
    const ephemeral = booleanOption(input, 'private') ?? false;
    await respond.reply(askMessage(result, { ephemeral, compact: compactQuestion(question) }));
    return result.answered ? 'answered' : `abstained:${result.reason}`;
  },

  async button(input, respond, { libraries }) {
    const state = parseAskButton(input.customId ?? '');
    if (!state) {
      await respond.reply(notice('That button has expired: ask the question again.'));
      return 'stale-button';
    }
    const { index } = await libraries.view(input.libraryId);
    const result = answer(index, state.question, { limit: PAGE_SIZE, offset: state.offset });
    if (result.excerpts.length === 0) {
      await respond.reply(notice('No more passages match: the library may have changed since. Ask again.'));
      return 'no-more-results';
    }
    if (state.post) {
      // "Post to channel": the private answer, now for everyone, under the asker's name.
      await respond.reply(
        askMessage(result, { ephemeral: false, compact: state.question, sharedBy: input.userId }),
      );
      return 'posted';
    }
    // Shown to the person who clicked only, so a shared answer is not changed under everyone.
    await respond.reply(askMessage(result, { ephemeral: true, compact: state.question }));
    return 'more-results';
  },
};
