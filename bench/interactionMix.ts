import type { APIApplicationCommandInteractionDataOption } from 'discord.js';
import { commands } from '../commands/index.js';
import type { FakeDiscord, SentInteraction } from '../test/fakeDiscord/index.js';
import { Permission } from '../test/fakeDiscord/index.js';
import type { BenchQuestions } from './questions.js';

export type InteractionKind = 'ask' | 'quote' | 'autocomplete' | 'refresh';

/** Out of every ten interactions: six /ask, two /quote, two autocompletes of /quote's options. */
const MIX: readonly InteractionKind[] = [
  'ask',
  'quote',
  'ask',
  'autocomplete',
  'ask',
  'ask',
  'quote',
  'ask',
  'autocomplete',
  'ask',
];
/** Distinct users, so that no cooldown is shared by everyone (the bot also runs with COOLDOWN_USES=1000000). */
const USERS = 100;
const STRING = 3;

/** How /quote is called: its option names when the command exists, else the names the design uses. */
export interface QuoteCommandShape {
  /** False while commands/ has no /quote: the bot then answers through its unknown-command path. */
  readonly present: boolean;
  readonly textOption: string;
  readonly speakerOption: string;
}

export function quoteCommandShape(): QuoteCommandShape {
  const quote = commands.get('quote');
  const data = quote?.data;
  const declared = data && 'options' in data ? (data.options ?? []) : [];
  const options = declared.filter((option) => option.type === STRING).map((o) => o.name);
  const speakerOption = options.find((name) => name === 'speaker') ?? 'speaker';
  const textOption = options.find((name) => name !== speakerOption) ?? 'text';
  return { present: quote !== undefined, textOption, speakerOption };
}

/** Sends the i-th interaction of the fixed mix; the same i always sends the same thing. */
export function sendMixed(
  fake: FakeDiscord,
  questions: BenchQuestions,
  shape: QuoteCommandShape,
  i: number,
): { kind: InteractionKind; sent: SentInteraction } {
  const kind = MIX[i % MIX.length] ?? 'ask';
  const user = { id: String(100_000_000_000_000_000n + BigInt(i % USERS)) };
  const nth = <T>(list: readonly T[]): T | undefined => list[Math.floor(i / MIX.length) % list.length];
  if (kind === 'ask') {
    const question = nth(questions.questions) ?? 'Will Putin meet Trump?';
    return {
      kind,
      sent: fake.sendChatInput({
        name: 'ask',
        options: [{ name: 'question', type: STRING, value: question.slice(0, 500) }],
        user,
      }),
    };
  }
  if (kind === 'quote') {
    const query = nth(questions.quoteQueries) ?? { text: 'I will be ready' };
    const options: APIApplicationCommandInteractionDataOption[] = [];
    if (query.text) options.push({ name: shape.textOption, type: STRING, value: query.text });
    if (query.speaker) options.push({ name: shape.speakerOption, type: STRING, value: query.speaker });
    return { kind, sent: fake.sendChatInput({ name: 'quote', options, user }) };
  }
  const partial = nth(questions.partials) ?? { speaker: true, value: 'Pu' };
  return {
    kind: 'autocomplete',
    sent: fake.sendAutocomplete({
      name: 'quote',
      focused: { name: partial.speaker ? shape.speakerOption : shape.textOption, value: partial.value },
      user,
    }),
  };
}

/** /library refresh of the shared library, from a member with Manage Server in the (home) server. */
export function sendRefresh(fake: FakeDiscord): { kind: InteractionKind; sent: SentInteraction } {
  return {
    kind: 'refresh',
    sent: fake.sendChatInput({
      name: 'library',
      options: [{ name: 'refresh', type: 1, options: [] }],
      permissions: Permission.ManageGuild | Permission.UseApplicationCommands | Permission.ViewChannel,
    }),
  };
}
