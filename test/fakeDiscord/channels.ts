import { checkMessage, FormErrorCollector, isEmptyMessage, isRecord } from './limits.js';
import { messagePayload } from './payloads.js';
import { discordError, type RestReply, type RestRequest, type Route } from './rest.js';
import type { FakeWorld } from './world.js';

/** A message the bot posted in a channel with `POST /channels/:id/messages`. */
export interface PostedMessage {
  readonly channelId: string;
  readonly guildId: string;
  readonly body: Record<string, unknown>;
  readonly at: number;
}

/**
 * The servers' text channels, for messages the bot posts outside interactions (a log channel).
 * Unknown channels, and channels of servers the bot was removed from, answer 10003 as Discord does.
 */
export class ChannelStore {
  readonly messages: PostedMessage[] = [];
  /** Servers the bot was removed from. */
  readonly left = new Set<string>();

  constructor(private readonly world: FakeWorld) {}

  routes(): Route[] {
    return [
      {
        method: 'POST',
        pattern: '/channels/:id/messages',
        auth: true,
        handle: (request) => this.post(request),
      },
    ];
  }

  private post(request: RestRequest): RestReply {
    const channelId = request.params.id ?? '';
    const guild = [this.world, ...(this.world.other ? [this.world.other] : [])].find(
      (candidate) => candidate.channelId === channelId,
    );
    if (!guild || this.left.has(guild.guildId)) return discordError(404, 10003, 'Unknown Channel');
    const body = isRecord(request.body) ? request.body : {};
    const errors = new FormErrorCollector();
    checkMessage(body, errors);
    if (!errors.isEmpty) return discordError(400, 50035, 'Invalid Form Body', errors.errors);
    if (isEmptyMessage(body, request.files.length))
      return discordError(400, 50006, 'Cannot send an empty message');
    this.messages.push({ channelId, guildId: guild.guildId, body, at: Date.now() });
    const message = messagePayload({ channelId, guildId: guild.guildId, author: this.world.botUser }, body);
    return { status: 200, body: message };
  }
}
