import type { Command } from '../src/bot/command.js';
import { ask } from './ask.js';
import { checkQuote } from './checkQuote.js';
import { corpus } from './corpus.js';
import { findInArticles } from './findInArticles.js';
import { help } from './help.js';
import { library } from './library.js';
import { quote } from './quote.js';

/** Every slash command and message context-menu command, by name. */
export const commands: ReadonlyMap<string, Command> = new Map(
  [ask, quote, corpus, library, help, checkQuote, findInArticles].map((command) => [
    command.data.name,
    command,
  ]),
);
