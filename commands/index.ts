import type { Command } from '../src/bot/command.js';
import { ask } from './ask.js';
import { corpus } from './corpus.js';
import { library } from './library.js';
import { quote } from './quote.js';

/** Every slash command, by name. */
export const commands: ReadonlyMap<string, Command> = new Map(
  [ask, quote, corpus, library].map((command) => [command.data.name, command]),
);
