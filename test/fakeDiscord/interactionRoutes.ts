import type { APIMessage, MessageFlags } from 'discord.js';
import type { InteractionRecord, InteractionStore } from './interactions.js';
import {
  checkAutocomplete,
  checkMessage,
  checkModal,
  FormErrorCollector,
  isEmptyMessage,
  isRecord,
} from './limits.js';
import { type MessageContext, messagePayload } from './payloads.js';
import { discordError, type RestReply, type RestRequest, type Route } from './rest.js';
import type { FakeWorld } from './world.js';

/** Timing rules for interaction responses. */
export interface InteractionRules {
  /** Time allowed from dispatch to the first callback. */
  deadlineMs: number;
  /** Life of the interaction token for webhook edits and follow-ups. */
  tokenLifetimeMs: number;
}

/** The "thinking…" flag Discord puts on a deferred reply until it is edited. */
const LOADING = 1 << 7;
const EPHEMERAL = 1 << 6;

/** The only flags an edit may change: SUPPRESS_EMBEDS and IS_COMPONENTS_V2. */
const EDITABLE_FLAGS = (1 << 2) | (1 << 15);

/** Callback types each interaction type accepts (interaction type → callback types). */
const ALLOWED_CALLBACKS: Record<number, readonly number[]> = {
  1: [1],
  2: [4, 5, 9, 12],
  3: [4, 5, 6, 7, 9, 12],
  4: [8],
  5: [4, 5, 6, 7],
};

const unknownInteraction = (id: string) => ({
  ...discordError(404, 10062, 'Unknown interaction'),
  interactionId: id,
});
const unknownWebhook = () => discordError(404, 10015, 'Unknown Webhook');
const unknownMessage = (id: string) => ({
  ...discordError(404, 10008, 'Unknown Message'),
  interactionId: id,
});
const invalidForm = (id: string, errors: FormErrorCollector) => ({
  ...discordError(400, 50035, 'Invalid Form Body', errors.errors),
  interactionId: id,
});

function withFlags(message: APIMessage, set: number, clear: number): APIMessage {
  return { ...message, flags: (((message.flags ?? 0) | set) & ~clear) as MessageFlags };
}

/** Applies an edit: keeps the message's other flags and ends the "thinking…" state. */
function editedMessage(
  context: MessageContext,
  body: Record<string, unknown>,
  previous: APIMessage,
): APIMessage {
  const message = messagePayload(context, { ...body, flags: undefined }, previous);
  if (typeof body.flags !== 'number') return withFlags(message, 0, LOADING);
  return withFlags(message, body.flags & EDITABLE_FLAGS, LOADING | EDITABLE_FLAGS);
}

/** What `@original` is after a callback: the reply, the "thinking…" message, or the component's message. */
function originalAfterCallback(
  context: MessageContext,
  type: number,
  data: Record<string, unknown>,
  componentMessage: APIMessage | undefined,
): APIMessage | undefined {
  switch (type) {
    case 4:
      return messagePayload(context, data);
    case 5:
      return withFlags(messagePayload(context, { flags: data.flags }), LOADING, 0);
    case 6:
      return componentMessage;
    case 7:
      return componentMessage && messagePayload(context, data, componentMessage);
    default:
      // Autocomplete results and modals make no message.
      return undefined;
  }
}

/** The routes an interaction is answered through: the callback and the webhook-token routes. */
export function interactionRoutes(
  world: FakeWorld,
  store: InteractionStore,
  rules: InteractionRules,
): Route[] {
  const contextOf = (record: InteractionRecord): MessageContext => ({
    channelId: record.payload.channel_id ?? record.payload.channel?.id ?? world.channelId,
    guildId: record.payload.guild_id,
    author: world.botUser,
    applicationId: world.applicationId,
    webhookId: world.applicationId,
  });

  function callback(request: RestRequest): RestReply {
    const id = request.params.id ?? '';
    const record = store.get(id);
    if (!record || record.token !== request.params.token) return unknownInteraction(id);
    if (record.acknowledged) {
      return { ...discordError(400, 40060, 'Interaction has already been acknowledged.'), interactionId: id };
    }
    if (Date.now() - record.dispatchedAt > rules.deadlineMs) return unknownInteraction(id);

    const body = isRecord(request.body) ? request.body : {};
    const data = isRecord(body.data) ? body.data : {};
    const type = typeof body.type === 'number' ? body.type : -1;
    const errors = new FormErrorCollector();
    if (!(ALLOWED_CALLBACKS[record.payload.type] ?? []).includes(type)) {
      errors.add(['type'], {
        code: 'BASE_TYPE_CHOICES',
        message: 'Value must be one of the allowed callback types.',
      });
    } else if (type === 4 || type === 7) {
      checkMessage(data, errors, ['data']);
    } else if (type === 8) {
      checkAutocomplete(data, errors, ['data']);
    } else if (type === 9) {
      checkModal(data, errors, ['data']);
    }
    if (!errors.isEmpty) return invalidForm(id, errors);
    if (type === 4 && isEmptyMessage(data, request.files.length)) {
      return { ...discordError(400, 50006, 'Cannot send an empty message'), interactionId: id };
    }

    record.acknowledged = true;
    record.callbackType = type;
    const original = originalAfterCallback(contextOf(record), type, data, record.payload.message);
    if (original) record.original = original;
    const response = { kind: 'callback' as const, callbackType: type, data, files: request.files };
    store.record(record, record.original ? { ...response, message: record.original } : response);

    if (request.query.get('with_response') !== 'true') return { status: 204 };
    return { status: 200, body: callbackResponse(record, type) };
  }

  /** Finds the interaction a webhook token belongs to, or the error Discord would give. */
  function webhookTarget(request: RestRequest): InteractionRecord | RestReply {
    const record = store.findByToken(request.params.token ?? '');
    if (request.params.app !== world.applicationId || !record) return unknownWebhook();
    if (Date.now() - record.dispatchedAt > rules.tokenLifetimeMs) {
      return { ...discordError(401, 50027, 'Invalid Webhook Token'), interactionId: record.id };
    }
    // Before the first callback the webhook does not exist yet.
    if (!record.acknowledged) return { ...unknownWebhook(), interactionId: record.id };
    return record;
  }

  const isReply = (value: InteractionRecord | RestReply): value is RestReply => 'status' in value;

  function findMessage(record: InteractionRecord, messageId: string): APIMessage | undefined {
    return messageId === '@original' ? record.original : record.followups.get(messageId);
  }

  function storeMessage(record: InteractionRecord, messageId: string, message: APIMessage): void {
    if (messageId === '@original' || message.id === record.original?.id) record.original = message;
    else record.followups.set(message.id, message);
  }

  function editMessage(request: RestRequest): RestReply {
    const record = webhookTarget(request);
    if (isReply(record)) return record;
    const messageId = request.params.message ?? '';
    const previous = findMessage(record, messageId);
    if (!previous) return unknownMessage(record.id);
    const body = isRecord(request.body) ? request.body : {};
    const errors = new FormErrorCollector();
    checkMessage(body, errors);
    if (!errors.isEmpty) return invalidForm(record.id, errors);
    const message = editedMessage(contextOf(record), body, previous);
    storeMessage(record, messageId, message);
    store.record(record, { kind: 'edit', messageId, data: body, message, files: request.files });
    return { status: 200, body: message };
  }

  function getMessage(request: RestRequest): RestReply {
    const record = webhookTarget(request);
    if (isReply(record)) return record;
    const message = findMessage(record, request.params.message ?? '');
    return message ? { status: 200, body: message } : unknownMessage(record.id);
  }

  function deleteMessage(request: RestRequest): RestReply {
    const record = webhookTarget(request);
    if (isReply(record)) return record;
    const messageId = request.params.message ?? '';
    if (!findMessage(record, messageId)) return unknownMessage(record.id);
    if (messageId === '@original') delete record.original;
    else record.followups.delete(messageId);
    store.record(record, { kind: 'delete', messageId, data: {}, files: [] });
    return { status: 204 };
  }

  function followUp(request: RestRequest): RestReply {
    const record = webhookTarget(request);
    if (isReply(record)) return record;
    const body = isRecord(request.body) ? request.body : {};
    const errors = new FormErrorCollector();
    checkMessage(body, errors);
    if (!errors.isEmpty) return invalidForm(record.id, errors);
    if (isEmptyMessage(body, request.files.length)) {
      return { ...discordError(400, 50006, 'Cannot send an empty message'), interactionId: record.id };
    }
    // The first follow-up after a deferred reply replaces the "thinking…" message (keeping its
    // ephemeral state), as on Discord.
    const original = record.original;
    const replacesThinking = original !== undefined && ((original.flags ?? 0) & LOADING) !== 0;
    const context = contextOf(record);
    const message = replacesThinking ? editedMessage(context, body, original) : messagePayload(context, body);
    storeMessage(record, replacesThinking ? '@original' : message.id, message);
    store.record(record, { kind: 'followup', data: body, message, files: request.files });
    return request.query.get('wait') === 'true' ? { status: 200, body: message } : { status: 204 };
  }

  const webhookMessage = '/webhooks/:app/:token/messages/:message';
  return [
    { method: 'POST', pattern: '/interactions/:id/:token/callback', auth: false, handle: callback },
    { method: 'POST', pattern: '/webhooks/:app/:token', auth: false, handle: followUp },
    { method: 'PATCH', pattern: webhookMessage, auth: false, handle: editMessage },
    { method: 'GET', pattern: webhookMessage, auth: false, handle: getMessage },
    { method: 'DELETE', pattern: webhookMessage, auth: false, handle: deleteMessage },
  ];
}

/** The `with_response=true` body: the interaction callback object and the resource it made. */
function callbackResponse(record: InteractionRecord, type: number) {
  const message = type === 4 || type === 5 || type === 7 ? record.original : undefined;
  return {
    interaction: {
      id: record.id,
      type: record.payload.type,
      activity_instance_id: null,
      response_message_id: message?.id ?? null,
      response_message_loading: message ? ((message.flags ?? 0) & LOADING) !== 0 : null,
      response_message_ephemeral: message ? ((message.flags ?? 0) & EPHEMERAL) !== 0 : null,
    },
    resource: message ? { type, message } : { type },
  };
}
