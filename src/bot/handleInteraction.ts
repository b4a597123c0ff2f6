import { randomBytes } from 'node:crypto';
import { EventLoopTurns } from '../cooperative.js';
import { notice } from '../discord/responses.js';
import type { Command, CommandServices, Outcome } from './command.js';
import type { CooldownPolicy } from './cooldown.js';
import type { InteractionInput, Responder } from './interaction.js';
import { UserError } from './userError.js';

export interface InteractionDeps extends CommandServices {
  readonly commands: ReadonlyMap<string, Command>;
  readonly cooldown: CooldownPolicy;
  /** Told of every handled interaction (metrics). */
  readonly onHandled?: (command: string, outcome: Outcome, seconds: number) => void;
}

/** Interactions take turns for their work (see EventLoopTurns), whichever way they arrived. */
const turns = new EventLoopTurns();

/**
 * Routes one interaction to its command inside an error boundary: whatever a handler throws, the
 * user gets an ephemeral message with an error id that is also logged, and the process keeps serving.
 * Logs one line per interaction with command, guild, user, latency and outcome.
 */
export async function handleInteraction(
  input: InteractionInput,
  respond: Responder,
  deps: InteractionDeps,
): Promise<void> {
  const started = performance.now();
  await turns.take();
  const log = deps.logger.child({
    interactionId: input.id,
    command: input.commandName,
    ...(input.subcommand ? { subcommand: input.subcommand } : {}),
    kind: input.kind,
    guildId: input.guildId ?? 'dm',
    userId: input.userId,
  });
  let outcome: Outcome;
  try {
    outcome = await route(input, respond, deps);
  } catch (err) {
    if (err instanceof UserError) {
      log.warn(
        { reason: err.message, customId: input.customId },
        'Refused an interaction the bot does not know',
      );
      outcome = 'user-error';
      await tell(input, respond, notice(err.message)).catch((replyError: unknown) =>
        log.warn({ err: replyError }, 'Could not tell the user what was wrong'),
      );
    } else {
      const errorId = randomBytes(4).toString('hex');
      log.error({ err, errorId }, 'Interaction failed');
      outcome = 'error';
      await apologise(input, respond, errorId).catch((replyError: unknown) =>
        log.warn({ err: replyError, errorId }, 'Could not tell the user about the error'),
      );
    }
  }
  const ms = performance.now() - started;
  log.info({ latencyMs: Math.round(ms), outcome }, 'Interaction handled');
  deps.onHandled?.(input.commandName, outcome, ms / 1000);
}

async function route(input: InteractionInput, respond: Responder, deps: InteractionDeps): Promise<Outcome> {
  const command = deps.commands.get(input.commandName);
  if (!command) {
    if (input.kind === 'autocomplete') await respond.autocomplete([]);
    else await respond.reply(notice('That command is no longer available here.'));
    return 'unknown-command';
  }
  if (input.kind === 'autocomplete') {
    if (command.autocomplete) return command.autocomplete(input, respond, deps);
    // Discord waits for an answer to every autocomplete request, even one this command never asks for.
    await respond.autocomplete([]);
    return 'no-autocomplete';
  }
  // Each command has its own allowance per user, as Discord users expect; a button ("More results")
  // continues a question already counted.
  if (command.rateLimited && input.kind === 'command') {
    const waitMs = await deps.cooldown.take(`${input.commandName}:${input.userId}`);
    if (waitMs > 0) {
      // Discord shows <t:…:R> as "in 12 seconds" in the reader's language, counting down.
      const at = Math.ceil((Date.now() + waitMs) / 1000);
      await respond.reply(notice(`You’re asking quickly: try again <t:${at}:R>.`));
      return 'cooldown';
    }
  }
  if (input.kind === 'button') {
    if (!command.button)
      throw new UserError('That button is not one of Excerpt’s, or no longer works: ask again.');
    return command.button(input, respond, deps);
  }
  return command.execute(input, respond, deps);
}

/** Replies, or follows up when the interaction was already acknowledged; autocomplete gets no choices. */
async function tell(
  input: InteractionInput,
  respond: Responder,
  message: ReturnType<typeof notice>,
): Promise<void> {
  if (input.kind === 'autocomplete') {
    if (!respond.acknowledged) await respond.autocomplete([]);
    return;
  }
  if (respond.acknowledged) await respond.followUp(message);
  else await respond.reply(message);
}

async function apologise(input: InteractionInput, respond: Responder, errorId: string): Promise<void> {
  await tell(
    input,
    respond,
    notice(`Something went wrong on our side (error ${errorId}). Please try again in a moment.`),
  );
}
