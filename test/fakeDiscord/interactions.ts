import type { APIMessage } from 'discord.js';
import type { RecordedFile } from './body.js';
import type { InteractionPayload } from './interactionPayloads.js';
import { Waiters } from './waiters.js';

/** How the bot answered: the first callback, an edit or delete of a message, or a follow-up. */
export type ResponseKind = 'callback' | 'edit' | 'delete' | 'followup';

/** One accepted answer to an interaction, in the order the fake received them. */
export interface InteractionResponse {
  interactionId: string;
  kind: ResponseKind;
  /** Callbacks only: 4 reply, 5 deferred reply, 6 deferred update, 7 update, 8 autocomplete, 9 modal. */
  callbackType?: number;
  /** The message-shaped part as sent: a callback's `data`, or a webhook body. */
  data: Record<string, unknown>;
  /** Edits and deletes: the message addressed, `@original` or a follow-up's id. */
  messageId?: string;
  /** The message as the fake stored it after this response, if there is one. */
  message?: APIMessage;
  files: RecordedFile[];
  at: number;
}

/** What the fake knows about one dispatched interaction. */
export interface InteractionRecord {
  readonly id: string;
  readonly token: string;
  readonly payload: InteractionPayload;
  readonly dispatchedAt: number;
  acknowledged: boolean;
  callbackType?: number;
  /** `@original`: the reply, the deferred "thinking" message, or the component's message. */
  original?: APIMessage;
  readonly followups: Map<string, APIMessage>;
  readonly responses: InteractionResponse[];
}

/** Options for waiting on a response. */
export interface WaitForResponseOptions {
  /** Only responses of this kind count; any kind by default. */
  kind?: ResponseKind;
  /** Only responses this accepts count. */
  match?: (response: InteractionResponse) => boolean;
  /** Default 2,000 ms. */
  timeoutMs?: number;
}

/** Every interaction the fake dispatched, found by id or by token. */
export class InteractionStore {
  private readonly byId = new Map<string, InteractionRecord>();
  private readonly byToken = new Map<string, InteractionRecord>();
  private readonly waiters = new Waiters();

  add(payload: InteractionPayload): InteractionRecord {
    const record: InteractionRecord = {
      id: payload.id,
      token: payload.token,
      payload,
      dispatchedAt: Date.now(),
      acknowledged: false,
      followups: new Map(),
      responses: [],
    };
    this.byId.set(record.id, record);
    this.byToken.set(record.token, record);
    return record;
  }

  get(id: string): InteractionRecord | undefined {
    return this.byId.get(id);
  }

  findByToken(token: string): InteractionRecord | undefined {
    return this.byToken.get(token);
  }

  record(record: InteractionRecord, response: Omit<InteractionResponse, 'interactionId' | 'at'>): void {
    record.responses.push({ interactionId: record.id, at: Date.now(), ...response });
    this.waiters.notify();
  }

  /** Resolves with the first response, already recorded or still to come, that fits `options`. */
  waitFor(id: string, options: WaitForResponseOptions = {}): Promise<InteractionResponse> {
    const { kind, match, timeoutMs = 2_000 } = options;
    const fits = (response: InteractionResponse) =>
      (kind === undefined || response.kind === kind) && (match === undefined || match(response));
    return this.waiters.until(
      () => this.byId.get(id)?.responses.find(fits),
      timeoutMs,
      `a ${kind ?? 'response'} to interaction ${id}`,
    );
  }

  close(): void {
    this.waiters.rejectAll('closed while waiting for an interaction response');
  }
}
