import type { InteractionInput } from './interaction.js';

/** Moderators: Manage Server, or a role listed in MODERATOR_ROLE_IDS. Never in DMs. */
export function isModerator(input: InteractionInput, moderatorRoleIds: readonly string[]): boolean {
  if (input.guildId === null) return false;
  return input.canManageGuild || input.roleIds.some((role) => moderatorRoleIds.includes(role));
}
