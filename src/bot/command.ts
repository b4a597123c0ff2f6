import type { RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import type { EngineStore } from '../engineStore.js';
import type { Logger } from '../logger.js';
import type { InteractionInput, Responder } from './interaction.js';

/** What a handler needs besides the interaction. */
export interface CommandServices {
  readonly store: EngineStore;
  readonly logger: Logger;
  readonly moderatorRoleIds: readonly string[];
  /** Let /corpus add fetch private and loopback addresses (tests only). */
  readonly allowPrivateUrls?: boolean;
}

/** A short word for the log line of each interaction: answered, abstained, refused, … */
export type Outcome = string;

export type Handler = (
  input: InteractionInput,
  respond: Responder,
  services: CommandServices,
) => Promise<Outcome>;

/** One slash command: its definition and thin handlers that call plain functions in src/. */
export interface Command {
  readonly data: RESTPostAPIChatInputApplicationCommandsJSONBody;
  readonly execute: Handler;
  readonly autocomplete?: Handler;
  /** Buttons whose custom_id starts with `<command name>:`. */
  readonly button?: Handler;
  /** Counted against the per-user cooldown. */
  readonly rateLimited?: boolean;
}
