import { type InteractionInput, libraryIdFor } from '../bot/interaction.js';

// An interaction as Discord's HTTP endpoint receives it (raw API JSON) read into the same plain input
// the gateway adapter builds, so every command runs unchanged in either mode.

const MANAGE_GUILD = 1n << 5n;

type Json = Record<string, unknown>;
const record = (value: unknown): Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {};
const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** What a request holds: a PING to answer, an interaction to run, or nothing this bot handles. */
export type ApiInteraction =
  | { readonly kind: 'ping' }
  | { readonly kind: 'interaction'; readonly input: InteractionInput; readonly token: string }
  | { readonly kind: 'unsupported'; readonly type: unknown };

/** Reads a parsed request body; never throws, whatever its shape. */
export function readApiInteraction(body: unknown): ApiInteraction {
  const payload = record(body);
  const type = payload.type;
  if (type === 1) return { kind: 'ping' };
  const data = record(payload.data);
  const member = record(payload.member);
  const user = record(member.user ?? payload.user);
  const guildId = text(payload.guild_id) || null;
  const owners = record(payload.authorizing_integration_owners);
  let permissions = 0n;
  try {
    permissions = BigInt(text(member.permissions) || '0');
  } catch {
    permissions = 0n;
  }
  const base = {
    id: text(payload.id),
    userId: text(user.id),
    guildId,
    // Key 0 is the guild install's owner: the server, when the app is installed there.
    libraryId: libraryIdFor(guildId, text(owners['0'])),
    canManageGuild: guildId !== null && (permissions & MANAGE_GUILD) !== 0n,
    roleIds: Array.isArray(member.roles) ? member.roles.map(text) : [],
  };
  const token = text(payload.token);
  if (type === 3) {
    const customId = text(data.custom_id);
    const input: InteractionInput = {
      ...base,
      kind: 'button',
      commandName: customId.split(':')[0] ?? '',
      customId,
      options: new Map(),
    };
    return { kind: 'interaction', input, token };
  }
  if (type !== 2 && type !== 4) return { kind: 'unsupported', type };
  if (data.type === 3) {
    const target = record(record(record(data.resolved).messages)[text(data.target_id)]);
    const input: InteractionInput = {
      ...base,
      kind: 'command',
      commandName: text(data.name),
      options: new Map(),
      targetMessage: { id: text(data.target_id), content: text(target.content) },
    };
    return { kind: 'interaction', input, token };
  }
  const options = new Map<string, string | number | boolean>();
  let subcommand: string | undefined;
  let focused: { name: string; value: string } | undefined;
  const collect = (list: unknown) => {
    if (!Array.isArray(list)) return;
    for (const item of list) {
      const option = record(item);
      if (Array.isArray(option.options)) {
        subcommand = text(option.name);
        collect(option.options);
        continue;
      }
      const value = option.value;
      if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
        options.set(text(option.name), value);
      if (option.focused === true) focused = { name: text(option.name), value: String(value ?? '') };
    }
  };
  collect(data.options);
  const input: InteractionInput = {
    ...base,
    kind: type === 4 ? 'autocomplete' : 'command',
    commandName: text(data.name),
    ...(subcommand ? { subcommand } : {}),
    options,
    ...(focused ? { focused } : {}),
  };
  return { kind: 'interaction', input, token };
}
