import type { CommandServices } from './command.js';
import type { InteractionInput } from './interaction.js';

/** Whether the server is one of the bot's home servers, whose moderators manage the shared library. */
export function isHome(input: InteractionInput, services: Pick<CommandServices, 'homeGuildIds'>): boolean {
  return input.guildId !== null && services.homeGuildIds.includes(input.guildId);
}

/**
 * Moderators of this server: Manage Server, or a moderator role stored for this server (or, in home
 * servers, one listed in MODERATOR_ROLE_IDS). Never in DMs.
 */
export async function isModerator(
  input: InteractionInput,
  services: Pick<CommandServices, 'libraries' | 'homeGuildIds' | 'moderatorRoleIds'>,
): Promise<boolean> {
  if (input.guildId === null) return false;
  if (input.canManageGuild) return true;
  const roles = new Set((await services.libraries.store.settings(input.guildId)).moderatorRoleIds);
  if (isHome(input, services)) for (const role of services.moderatorRoleIds) roles.add(role);
  return input.roleIds.some((role) => roles.has(role));
}
