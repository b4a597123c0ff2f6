import { SlashCommandBuilder } from 'discord.js';
import type { Command } from '../src/bot/command.js';
import { booleanOption, stringOption } from '../src/bot/interaction.js';
import { UserError } from '../src/bot/userError.js';
import { POST_QUOTE_PREFIX, quoteMessage } from '../src/discord/quoteView.js';
import { choices, notice } from '../src/discord/responses.js';
import { ANYWHERE } from './reach.js';

const CHOICE_NAME = /^“(.+?)…?” — (.+)$/su;

/** /quote text:<words> speaker:<name> — what someone actually said, verbatim, with who and where. */
export const quote: Command = {
  data: new SlashCommandBuilder()
    .setName('quote')
    .setDescription('Find what someone actually said, word for word, with who said it and where')
    .addStringOption((option) =>
      option.setName('text').setDescription('Words of the quote').setMaxLength(500).setAutocomplete(true),
    )
    .addStringOption((option) =>
      option.setName('speaker').setDescription('Who said it').setMaxLength(100).setAutocomplete(true),
    )
    .addBooleanOption((option) => option.setName('private').setDescription('Only you see the quote'))
    .setIntegrationTypes(...ANYWHERE.integrationTypes)
    .setContexts(...ANYWHERE.contexts)
    .toJSON(),
  rateLimited: true,

  async execute(input, respond, { libraries }) {
    const quotes = await (await libraries.view(input.libraryId)).quotes();
    // A picked autocomplete choice sends the quote's id, though some clients send the choice's name
    // ("“words…” — Speaker"); anything else typed is searched as words.
    const asName = CHOICE_NAME.exec(stringOption(input, 'text') ?? '');
    const text = asName?.[1] ?? stringOption(input, 'text') ?? '';
    const speaker = asName?.[2] ?? stringOption(input, 'speaker');
    const picked = quotes.getQuote(text);
    const result = picked
      ? {
          query: text,
          speaker: picked.speaker,
          status: 'found' as const,
          results: [{ ...picked, match: 'phrase' as const }],
          total: 1,
          suggestions: [],
        }
      : quotes.searchQuotes({ text, ...(speaker ? { speaker } : {}) });
    await respond.reply(quoteMessage(result, { ephemeral: booleanOption(input, 'private') ?? false }));
    return result.status;
  },

  /** "Post to channel" under a private quote: the quote, for everyone, under the asker's name. */
  async button(input, respond, { libraries }) {
    if (!input.customId?.startsWith(`${POST_QUOTE_PREFIX}:`))
      throw new UserError('That button is not one of Excerpt’s, or no longer works: ask again.');
    const id = input.customId.slice(POST_QUOTE_PREFIX.length + 1);
    const quotes = await (await libraries.view(input.libraryId)).quotes();
    const picked = quotes.getQuote(id);
    if (!picked) {
      await respond.reply(notice('That quote is no longer in the library: search for it again.'));
      return 'stale-button';
    }
    const found = { query: '', speaker: picked.speaker, status: 'found' as const, total: 1, suggestions: [] };
    await respond.reply(
      quoteMessage({ ...found, results: [{ ...picked, match: 'phrase' }] }, { sharedBy: input.userId }),
    );
    return 'posted';
  },

  async autocomplete(input, respond, { libraries }) {
    const quotes = await (await libraries.view(input.libraryId)).quotes();
    const typed = input.focused?.value ?? '';
    const list =
      input.focused?.name === 'speaker'
        ? quotes.autocompleteSpeakers(typed)
        : quotes.autocompleteQuotes(typed, stringOption(input, 'speaker'));
    await respond.autocomplete(choices(list));
    return 'autocomplete';
  },
};
