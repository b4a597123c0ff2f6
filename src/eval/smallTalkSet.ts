import { readFile } from 'node:fs/promises';
import { asksOpinion, type SmallTalk, smallTalkOf } from '../answer/smallTalk.js';

// Chat said to the bot and questions about the article that look like it, written blind
// (test/fixtures/small-talk-{dev,test}.json): how much small talk is recognised as its kind, and
// whether any question is taken for small talk (or an opinion) and so never searched.

interface SmallTalkFile {
  readonly smallTalk: readonly { message: string; kind: SmallTalk }[];
  /** Opinions asked of the bot ("do you think assad deserved to fall?"), when the set has them. */
  readonly opinions?: readonly { message: string }[];
  readonly questions: readonly { message: string }[];
}

export interface SmallTalkResult {
  readonly messages: number;
  /** Small talk read as the kind it is. */
  readonly recognised: number;
  readonly byKind: Readonly<Record<string, { messages: number; recognised: number }>>;
  readonly opinions: number;
  /** Opinions asked of the bot read as such (and not as small talk). */
  readonly opinionsRecognised: number;
  readonly questions: number;
  /** Questions about the article taken for small talk or an opinion: each one is never answered. */
  readonly questionsTaken: number;
  readonly misses: readonly string[];
}

export async function evaluateSmallTalk(path: string): Promise<SmallTalkResult> {
  const file = JSON.parse(await readFile(path, 'utf8')) as SmallTalkFile;
  const byKind: Record<string, { messages: number; recognised: number }> = {};
  const misses: string[] = [];
  let recognised = 0;
  for (const { message, kind } of file.smallTalk) {
    const read = smallTalkOf(message);
    byKind[kind] ??= { messages: 0, recognised: 0 };
    const entry = byKind[kind];
    entry.messages += 1;
    if (read === kind) {
      recognised += 1;
      entry.recognised += 1;
    } else misses.push(`small talk (${kind}) read as ${read ?? 'a question'}: ${message}`);
  }
  let opinionsRecognised = 0;
  for (const { message } of file.opinions ?? []) {
    if (asksOpinion(message) && smallTalkOf(message) === undefined) opinionsRecognised += 1;
    else misses.push(`opinion read as ${smallTalkOf(message) ?? 'a question'}: ${message}`);
  }
  let questionsTaken = 0;
  for (const { message } of file.questions) {
    const read = smallTalkOf(message) ?? (asksOpinion(message) ? 'an opinion' : undefined);
    if (read === undefined) continue;
    questionsTaken += 1;
    misses.push(`question taken for ${read}: ${message}`);
  }
  return {
    messages: file.smallTalk.length,
    recognised,
    byKind,
    opinions: file.opinions?.length ?? 0,
    opinionsRecognised,
    questions: file.questions.length,
    questionsTaken,
    misses,
  };
}
