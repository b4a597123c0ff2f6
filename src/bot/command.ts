import type {
  RESTPostAPIChatInputApplicationCommandsJSONBody,
  RESTPostAPIContextMenuApplicationCommandsJSONBody,
} from 'discord.js';
import type { BotMessage } from '../discord/responses.js';
import type { Libraries } from '../library/libraries.js';
import type { Logger } from '../logger.js';
import type { InteractionInput, Responder } from './interaction.js';

/** What a handler needs besides the interaction. */
export interface CommandServices {
  /** The shared library and every server's own (see src/library/libraries.ts). */
  readonly libraries: Libraries;
  readonly logger: Logger;
  /** Servers whose moderators also manage the shared library. */
  readonly homeGuildIds: readonly string[];
  /** Moderator roles from the environment: a fallback that applies in home servers only. */
  readonly moderatorRoleIds: readonly string[];
  /** Let /library add fetch private and loopback addresses (tests only). */
  readonly allowPrivateUrls?: boolean;
  /** Posts a message in a channel (a server's log channel); absent without Discord. */
  readonly postToChannel?: (channelId: string, message: BotMessage) => Promise<void>;
}

/** A short word for the log line of each interaction: answered, abstained, refused, … */
export type Outcome = string;

export type Handler = (
  input: InteractionInput,
  respond: Responder,
  services: CommandServices,
) => Promise<Outcome>;

/** One slash command or context-menu command: its definition and thin handlers that call plain functions in src/. */
export interface Command {
  readonly data:
    | RESTPostAPIChatInputApplicationCommandsJSONBody
    | RESTPostAPIContextMenuApplicationCommandsJSONBody;
  readonly execute: Handler;
  readonly autocomplete?: Handler;
  /** Buttons whose custom_id starts with `<command name>:`. */
  readonly button?: Handler;
  /** Counted against the per-user cooldown. */
  readonly rateLimited?: boolean;
}
