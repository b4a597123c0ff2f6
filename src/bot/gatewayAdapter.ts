import {
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type CommandInteractionOption,
  type InteractionReplyOptions,
  type MessageContextMenuCommandInteraction,
  MessageFlags,
  PermissionFlagsBits,
} from 'discord.js';
import { type BotMessage, NO_MENTIONS } from '../discord/responses.js';
import { type InteractionInput, libraryIdFor, type Responder } from './interaction.js';

export type SupportedInteraction =
  | ChatInputCommandInteraction
  | AutocompleteInteraction
  | ButtonInteraction
  | MessageContextMenuCommandInteraction;

/** The plain input of a discord.js interaction. */
export function toInput(interaction: SupportedInteraction): InteractionInput {
  const member = interaction.member;
  const roleIds = member ? (Array.isArray(member.roles) ? member.roles : [...member.roles.cache.keys()]) : [];
  const base = {
    id: interaction.id,
    userId: interaction.user.id,
    guildId: interaction.guildId,
    libraryId: libraryIdFor(interaction.guildId, interaction.authorizingIntegrationOwners.guildId),
    canManageGuild:
      interaction.inGuild() && (interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild) ?? false),
    roleIds,
  };
  if (interaction.isButton()) {
    return {
      ...base,
      kind: 'button',
      commandName: interaction.customId.split(':')[0] ?? '',
      customId: interaction.customId,
      options: new Map(),
    };
  }
  if (interaction.isMessageContextMenuCommand()) {
    return {
      ...base,
      kind: 'command',
      commandName: interaction.commandName,
      options: new Map(),
      targetMessage: { id: interaction.targetMessage.id, content: interaction.targetMessage.content },
    };
  }
  const options = new Map<string, string | number | boolean>();
  let subcommand: string | undefined;
  const collect = (list: readonly CommandInteractionOption[]) => {
    for (const option of list) {
      if (option.options) {
        subcommand = option.name;
        collect(option.options);
      } else if (option.value !== undefined && option.value !== null) {
        options.set(option.name, option.value);
      }
    }
  };
  collect(interaction.options.data);
  const focused = interaction.isAutocomplete() ? interaction.options.getFocused(true) : undefined;
  return {
    ...base,
    kind: interaction.isAutocomplete() ? 'autocomplete' : 'command',
    commandName: interaction.commandName,
    ...(subcommand ? { subcommand } : {}),
    options,
    ...(focused ? { focused: { name: focused.name, value: String(focused.value ?? '') } } : {}),
  };
}

function replyOptions(message: BotMessage): InteractionReplyOptions {
  return {
    ...(message.content !== undefined ? { content: message.content } : {}),
    embeds: [...(message.embeds ?? [])],
    components: [...(message.components ?? [])],
    allowedMentions: NO_MENTIONS,
    ...(message.ephemeral ? { flags: MessageFlags.Ephemeral } : {}),
  };
}

/** A Responder that answers through discord.js (gateway interactions, REST callbacks). */
export function gatewayResponder(interaction: SupportedInteraction): Responder {
  return {
    get acknowledged() {
      return interaction.isAutocomplete()
        ? interaction.responded
        : interaction.replied || interaction.deferred;
    },
    async reply(message) {
      if (interaction.isAutocomplete())
        throw new Error('reply: autocomplete interactions can only suggest choices');
      await interaction.reply(replyOptions(message));
    },
    async defer({ ephemeral }) {
      if (interaction.isAutocomplete())
        throw new Error('defer: autocomplete interactions cannot be deferred');
      await interaction.deferReply(ephemeral ? { flags: MessageFlags.Ephemeral } : {});
    },
    async edit(message) {
      if (interaction.isAutocomplete()) throw new Error('edit: autocomplete interactions have no reply');
      const { flags: _ephemeralIsFixedAtDefer, ...options } = replyOptions(message);
      await interaction.editReply(options);
    },
    async followUp(message) {
      if (interaction.isAutocomplete()) throw new Error('followUp: autocomplete interactions have no reply');
      await interaction.followUp(replyOptions(message));
    },
    async autocomplete(choices) {
      if (!interaction.isAutocomplete()) throw new Error('autocomplete: not an autocomplete interaction');
      await interaction.respond([...choices]);
    },
  };
}
