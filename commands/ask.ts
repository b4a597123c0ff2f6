import { SlashCommandBuilder } from 'discord.js';
import { answer, compactQuestion } from '../src/answer/answer.js';
import type { Command } from '../src/bot/command.js';
import { booleanOption, stringOption } from '../src/bot/interaction.js';
import { type ArticleScope, askMessage, parseAskButton } from '../src/discord/askView.js';
import { choices, cutAtWord, notice } from '../src/discord/responses.js';
import { articleToken, findArticle } from '../src/library/findArticle.js';
import type { LibraryView } from '../src/library/libraries.js';
import { peopleFor } from '../src/library/peopleFor.js';
import { suggestArticles } from '../src/library/suggestArticles.js';
import type { Searchable } from '../src/search/searchable.js';
import { ANYWHERE } from './reach.js';

const PAGE_SIZE = 3;
/** An article's title, as the answer names it, is cut to this. */
const TITLE_CHARS = 100;

/** The library to answer from: all of it, or the one article the asker named (or why not). */
function narrowed(
  view: LibraryView,
  named: string | undefined,
): { index: Searchable; article?: ArticleScope } | { problem: string } {
  if (named === undefined) return { index: view.index };
  const found = findArticle(view.index.articles, named);
  const index = found.article && view.index.only(found.article.id);
  if (!found.article || !index)
    return {
      problem: `${found.problem ?? 'That article is not in this library any more.'} Pick one from the list as you type, or leave “article” out to ask every article.`,
    };
  const { title, id } = found.article;
  return { index, article: { title: cutAtWord(title, TITLE_CHARS), token: articleToken(id) } };
}

/** /ask question:<text> article:<one article> private:<bool> — cited, verbatim passages that answer the question. */
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
    .addStringOption((option) =>
      option
        .setName('article')
        .setDescription('Ask one article only (start typing its title)')
        .setAutocomplete(true)
        .setMaxLength(200),
    )
    .addBooleanOption((option) => option.setName('private').setDescription('Only you see the answer'))
    .setIntegrationTypes(...ANYWHERE.integrationTypes)
    .setContexts(...ANYWHERE.contexts)
    .toJSON(),
  rateLimited: true,

  async execute(input, respond, { libraries }) {
    const question = stringOption(input, 'question') ?? '';
    const view = await libraries.view(input.libraryId);
    const scope = narrowed(view, stringOption(input, 'article'));
    if ('problem' in scope) {
      await respond.reply(notice(scope.problem));
      return 'unknown-article';
    }
    const people = await peopleFor(view, question);
    const result = answer(scope.index, question, { limit: PAGE_SIZE, people });
    const ephemeral = booleanOption(input, 'private') ?? false;
    await respond.reply(
      askMessage(result, {
        ephemeral,
        compact: compactQuestion(question, result),
        ...(scope.article ? { article: scope.article } : {}),
      }),
    );
    return result.answered ? 'answered' : `abstained:${result.reason}`;
  },

  async button(input, respond, { libraries }) {
    const state = parseAskButton(input.customId ?? '');
    if (!state) {
      await respond.reply(notice('That button has expired: ask the question again.'));
      return 'stale-button';
    }
    const view = await libraries.view(input.libraryId);
    const scope = narrowed(view, state.article);
    if ('problem' in scope) {
      await respond.reply(notice('That article is not in this library any more: ask the question again.'));
      return 'unknown-article';
    }
    const people = await peopleFor(view, state.question);
    const result = answer(scope.index, state.question, { limit: PAGE_SIZE, offset: state.offset, people });
    if (result.excerpts.length === 0) {
      await respond.reply(notice('No more passages match: the library may have changed since. Ask again.'));
      return 'no-more-results';
    }
    const article = scope.article ? { article: scope.article } : {};
    if (state.post) {
      // "Post to channel": the private answer, now for everyone, under the asker's name.
      await respond.reply(
        askMessage(result, { ephemeral: false, compact: state.question, sharedBy: input.userId, ...article }),
      );
      return 'posted';
    }
    // Shown to the person who clicked only, so a shared answer is not changed under everyone.
    await respond.reply(askMessage(result, { ephemeral: true, compact: state.question, ...article }));
    return 'more-results';
  },

  async autocomplete(input, respond, { libraries }) {
    // Only `article` autocompletes (a forged request for another option gets no choices).
    if (input.focused?.name !== 'article') {
      await respond.autocomplete([]);
      return 'autocomplete-none';
    }
    const view = await libraries.view(input.libraryId);
    const question = stringOption(input, 'question') ?? '';
    const people = await peopleFor(view, question);
    await respond.autocomplete(
      choices(suggestArticles(view.index, view.articles, input.focused?.value ?? '', question, people)),
    );
    return 'autocomplete';
  },
};
