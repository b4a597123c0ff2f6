import type { BotMessage, Choice } from '../discord/responses.js';

/**
 * An interaction as plain data: what the command handlers read. It is built from a discord.js
 * gateway interaction today and could equally be built from an HTTP interactions request.
 */
export interface InteractionInput {
  readonly id: string;
  readonly kind: 'command' | 'autocomplete' | 'button';
  readonly commandName: string;
  readonly subcommand?: string;
  /** Option values by name (subcommand options flattened). */
  readonly options: ReadonlyMap<string, string | number | boolean>;
  /** For autocomplete: the option being typed. */
  readonly focused?: { readonly name: string; readonly value: string };
  /** For buttons. */
  readonly customId?: string;
  /** For a message's context menu ("Check quote"): the message it was used on. */
  readonly targetMessage?: { readonly id: string; readonly content: string };
  readonly userId: string;
  /** Null in DMs. */
  readonly guildId: string | null;
  /**
   * Whose library answers: the server's when the bot is installed there, else null for the shared
   * library (a DM, or a user-installed command in a server the bot is not a member of).
   */
  readonly libraryId: string | null;
  /** Whether the member has Manage Server here (false in DMs). */
  readonly canManageGuild: boolean;
  readonly roleIds: readonly string[];
}

/** How a handler answers; each call maps to one Discord interaction callback or webhook call. */
export interface Responder {
  /** First response: a message. */
  reply(message: BotMessage): Promise<void>;
  /** First response: "thinking…", to be replaced by `edit`. */
  defer(options: { ephemeral: boolean }): Promise<void>;
  /** Replace the deferred or first reply. */
  edit(message: BotMessage): Promise<void>;
  /** An extra message after the first response. */
  followUp(message: BotMessage): Promise<void>;
  /** Autocomplete suggestions. */
  autocomplete(choices: readonly Choice[]): Promise<void>;
  /** True once the interaction has been acknowledged (replied or deferred). */
  readonly acknowledged: boolean;
}

/**
 * Whose library answers an interaction (InteractionInput.libraryId): the server's when the app is
 * installed in it (the server is the guild-install owner that authorised the interaction), else the
 * shared library's (null).
 */
export function libraryIdFor(
  guildId: string | null,
  guildInstallOwner: string | null | undefined,
): string | null {
  return guildId !== null && guildInstallOwner === guildId ? guildId : null;
}

export function stringOption(input: InteractionInput, name: string): string | undefined {
  const value = input.options.get(name);
  return typeof value === 'string' ? value : undefined;
}

export function booleanOption(input: InteractionInput, name: string): boolean | undefined {
  const value = input.options.get(name);
  return typeof value === 'boolean' ? value : undefined;
}
