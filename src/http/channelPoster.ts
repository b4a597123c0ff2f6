import { type BotMessage, channelMessageBody } from '../discord/responses.js';

/**
 * Posts a message in a channel through Discord's REST API with the bot token (a server's log
 * channel), for http mode, where there is no discord.js client. Nothing it posts pings anyone.
 */
export function channelPoster(apiUrl: string, token: string) {
  return async (channelId: string, message: BotMessage): Promise<void> => {
    const response = await fetch(`${apiUrl}/v10/channels/${channelId}/messages`, {
      method: 'POST',
      headers: { authorization: `Bot ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(channelMessageBody(message)),
      signal: AbortSignal.timeout(15_000),
    });
    if (!response.ok) throw new Error(`Discord answered ${response.status} to a channel message`);
  };
}
