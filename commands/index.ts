import type { Command } from '../src/bot/command.js';
import { ask } from './ask.js';
import { corpus } from './corpus.js';

/** Every slash command, by name. */
export const commands: ReadonlyMap<string, Command> = new Map(
  [ask, corpus].map((command) => [command.data.name, command]),
);
