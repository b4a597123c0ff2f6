/** A fake Discord (gateway + REST) on loopback for end-to-end tests with the real discord.js client. */
export type { RecordedFile } from './body.js';
export type { CommandStore } from './commands.js';
export type { RestFault } from './faults.js';
export type { RecordedFrame } from './gateway.js';
export type {
  AutocompleteOptions,
  ButtonOptions,
  ChatInputOptions,
  InteractionContextOptions,
  InteractionPayload,
} from './interactionPayloads.js';
export type {
  InteractionRecord,
  InteractionResponse,
  ResponseKind,
  WaitForResponseOptions,
} from './interactions.js';
export { LIMITS } from './limits.js';
export type { RecordedCall, Rejection } from './rest.js';
export {
  defaultOptions,
  FakeDiscord,
  type FakeDiscordOptions,
  type RejectionFilter,
  type SentInteraction,
  startFakeDiscord,
  type WaitOptions,
} from './server.js';
export { MEMBER_PERMISSIONS, Permission, type RoleSpec } from './world.js';
