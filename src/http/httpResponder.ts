import type { Responder } from '../bot/interaction.js';
import { type BotMessage, NO_MENTIONS } from '../discord/responses.js';

// Over HTTP the first answer to an interaction is the body of the response to Discord's request;
// everything after it (the edit of a deferred reply, follow-ups) goes to the interaction's webhook.

const EPHEMERAL = 64;
/** Discord waits 3 s for the first answer: a handler still busy by then is deferred for it. */
const AUTO_DEFER_MS = 2500;
/** Tries of a webhook call that finds no webhook yet (50, 100, 200, 400, 800 ms apart). */
const WEBHOOK_RETRIES = 5;

/** The JSON of a message as Discord's API takes it; nothing it says can ping anyone. */
export function messageBody(message: BotMessage, withFlags = true): Record<string, unknown> {
  return {
    ...(message.content !== undefined ? { content: message.content } : {}),
    embeds: [...(message.embeds ?? [])],
    components: [...(message.components ?? [])],
    allowed_mentions: NO_MENTIONS,
    ...(withFlags && message.ephemeral ? { flags: EPHEMERAL } : {}),
  };
}

export interface HttpResponder extends Responder {
  /** The body of the HTTP response: resolves with the first answer (or an automatic deferral). */
  readonly firstResponse: Promise<Record<string, unknown>>;
}

/**
 * A Responder for one interaction received over HTTP. `webhook` is the interaction's webhook URL
 * (`…/webhooks/<application>/<token>`), for what comes after the first answer.
 */
export function httpResponder(webhook: string, token: string): HttpResponder {
  let answer: (body: Record<string, unknown>) => void = () => {};
  const firstResponse = new Promise<Record<string, unknown>>((resolve) => {
    answer = resolve;
  });
  let acknowledged = false;
  let deferred = false;
  const first = (body: Record<string, unknown>) => {
    acknowledged = true;
    clearTimeout(timer);
    answer(body);
  };
  const timer = setTimeout(() => {
    if (acknowledged) return;
    deferred = true;
    first({ type: 5 });
  }, AUTO_DEFER_MS);
  timer.unref();
  const call = async (method: 'PATCH' | 'POST', url: string, body: Record<string, unknown>) => {
    for (let attempt = 0; ; attempt++) {
      const response = await fetch(url, {
        method,
        headers: { 'content-type': 'application/json', 'user-agent': 'Excerpt (interactions over HTTP)' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(15_000),
      });
      if (response.ok) return;
      // The webhook exists once Discord has taken the first answer, which travels back on the
      // request's own connection and may be read after this call arrives: try again, briefly.
      if (response.status === 404 && attempt < WEBHOOK_RETRIES) {
        await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt));
        continue;
      }
      throw new Error(`Discord answered ${response.status} to ${method} ${url.replace(token, '…')}`);
    }
  };
  const edit = (message: BotMessage) =>
    call('PATCH', `${webhook}/messages/@original`, messageBody(message, false));
  return {
    firstResponse,
    get acknowledged() {
      return acknowledged;
    },
    async reply(message) {
      // Deferred for a slow handler: its reply becomes the deferred message.
      if (deferred) return edit(message);
      if (acknowledged) throw new Error('reply: the interaction was already answered');
      first({ type: 4, data: messageBody(message) });
    },
    async defer({ ephemeral }) {
      if (acknowledged) throw new Error('defer: the interaction was already answered');
      first({ type: 5, ...(ephemeral ? { data: { flags: EPHEMERAL } } : {}) });
    },
    edit,
    followUp: (message) => call('POST', webhook, messageBody(message)),
    async autocomplete(choices) {
      if (acknowledged) throw new Error('autocomplete: the request was already answered');
      first({ type: 8, data: { choices: [...choices] } });
    },
  };
}
