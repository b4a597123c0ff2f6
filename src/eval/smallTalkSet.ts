import { readFile } from 'node:fs/promises';
import type { SmallTalk } from '../answer/smallTalk.js';
import type { Answer } from '../answer/types.js';

// Chat said to the bot and questions about the article that look like it, written blind
// (test/fixtures/small-talk{,2,3}-{dev,test}.json): how much small talk is answered as its kind,
// how much is refused as a question the corpus cannot answer, and whether any question is taken for
// small talk (or an opinion) and so never answered from the articles. Read from what the bot
// answers (`reply`), as it replies.

interface SmallTalkFile {
  readonly smallTalk: readonly { message: string; kind: SmallTalk }[];
  /** Opinions asked of the bot ("do you think assad deserved to fall?"), when the set has them. */
  readonly opinions?: readonly { message: string }[];
  readonly questions: readonly { message: string }[];
}

export interface SmallTalkResult {
  readonly messages: number;
  /** Small talk answered as the kind it is. */
  readonly recognised: number;
  /** Small talk answered as small talk of any kind (a reply meant for chat). */
  readonly chat: number;
  /** Small talk refused as a question the corpus cannot answer ("doesn't mention “hi”"). */
  readonly refused: number;
  readonly byKind: Readonly<Record<string, { messages: number; recognised: number }>>;
  readonly opinions: number;
  /** Opinions asked of the bot answered as such (passages about the subject, no opinion given). */
  readonly opinionsRecognised: number;
  readonly questions: number;
  /** Questions about the article taken for small talk or an opinion: each one is never answered. */
  readonly questionsTaken: number;
  readonly misses: readonly string[];
}

export async function evaluateSmallTalk(
  path: string,
  reply: (message: string) => Answer,
): Promise<SmallTalkResult> {
  const file = JSON.parse(await readFile(path, 'utf8')) as SmallTalkFile;
  const byKind: Record<string, { messages: number; recognised: number }> = {};
  const misses: string[] = [];
  let recognised = 0;
  let chat = 0;
  let refused = 0;
  const readAs = (answer: Answer) =>
    answer.reason === 'small-talk'
      ? answer.talk
      : answer.because === 'opinion'
        ? 'an opinion'
        : answer.answered
          ? 'a question'
          : `a question (refused: ${answer.reason})`;
  for (const { message, kind } of file.smallTalk) {
    const answer = reply(message);
    byKind[kind] ??= { messages: 0, recognised: 0 };
    const entry = byKind[kind];
    entry.messages += 1;
    if (answer.reason === 'small-talk') chat += 1;
    if (answer.reason === 'not-in-corpus') refused += 1;
    if (answer.reason === 'small-talk' && answer.talk === kind) {
      recognised += 1;
      entry.recognised += 1;
    } else misses.push(`small talk (${kind}) read as ${readAs(answer)}: ${message}`);
  }
  let opinionsRecognised = 0;
  for (const { message } of file.opinions ?? []) {
    const answer = reply(message);
    if (answer.because === 'opinion') opinionsRecognised += 1;
    else misses.push(`opinion read as ${readAs(answer)}: ${message}`);
  }
  let questionsTaken = 0;
  for (const { message } of file.questions) {
    const answer = reply(message);
    if (answer.reason !== 'small-talk' && answer.because !== 'opinion') continue;
    questionsTaken += 1;
    misses.push(`question taken for ${readAs(answer)}: ${message}`);
  }
  return {
    messages: file.smallTalk.length,
    recognised,
    chat,
    refused,
    byKind,
    opinions: file.opinions?.length ?? 0,
    opinionsRecognised,
    questions: file.questions.length,
    questionsTaken,
    misses,
  };
}
