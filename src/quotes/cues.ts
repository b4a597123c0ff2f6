import {
  AUXILIARIES,
  DETERMINERS,
  isSpeechVerb,
  PASSIVE_MARKERS,
  PERSONAL_PRONOUNS,
  SOURCE_NOUNS,
} from './lexicon.js';
import { isCapitalised, type Word, words } from './nameRuns.js';
import type { Mention, Person } from './speakers.js';

/** The reporter's words around a quotation: a range of a masked paragraph and the mentions in it. */
export interface Clause {
  readonly masked: string;
  readonly from: number;
  readonly to: number;
  readonly mentions: readonly Mention[];
}

/** Who a cue names: a person, a pronoun to resolve, or nobody the article names ("officials said"). */
export type Subject = { person: Person } | { pronoun: number } | { unknown: true };

const CONJUNCTIONS = new Set(['and', 'but', 'then', 'while']);

/**
 * The attribution nearest before a quotation in its sentence: a speech verb and its subject
 * ("Putin replied: “…", "Putin said the “…”", "claiming he hasn't '…'"), a source ("a report by
 * veteran journalist Bob Woodward … that …“…”", "according to X"), or a headline's "Putin: '…'".
 */
export function leadIn(clause: Clause): Subject | undefined {
  const tokens = clauseWords(clause);
  const verb = [...tokens].reverse().find((token, index, reversed) => isVerbCue(token, reversed[index + 1]));
  const source = [...clause.mentions].reverse().find((mention) => isSource(clause, tokens, mention));
  if (source && (!verb || source.start > verb.start)) return { person: source.person };
  if (verb) return subjectOf(clause, tokens, verb);
  const [only] = clause.mentions;
  const headline = only && /^\s*:\s*$/u.test(clause.masked.slice(only.end, clause.to));
  return headline && clause.masked.slice(clause.from, only.start).trim() === ''
    ? { person: only.person }
    : undefined;
}

/**
 * Who a sentence of reported speech without a quotation gives the words of: a person named as the
 * subject of its speech verb ("Place kicking is largely a matter of timing, Moritz declared.",
 * "Karns said it was…"); undefined when it has no speech verb or its subject is nobody named.
 */
export function reportedSpeaker(clause: Clause): Subject | undefined {
  if (/[«»]/u.test(clause.masked.slice(clause.from, clause.to))) return undefined;
  const tokens = clauseWords(clause);
  const verb = [...tokens].reverse().find((token, index, reversed) => isVerbCue(token, reversed[index + 1]));
  if (!verb) return undefined;
  const subject = subjectOf(clause, tokens, verb);
  return 'person' in subject ? subject : undefined;
}

/** The attribution right after a quotation: ", Putin said", ", said Putin", ": Putin says", ", he added". */
export function trailing(clause: Clause): Subject | undefined {
  const tokens = clauseWords(clause);
  const [first, second] = tokens;
  if (
    first === undefined ||
    !/^[\s,:;\u2013\u2014-]*$/u.test(clause.masked.slice(clause.from, first.start))
  ) {
    return undefined;
  }
  const leading = clause.mentions.find((mention) => mention.start === first.start);
  if (leading && speechVerbAfter(clause, tokens, afterAside(clause, leading.end)))
    return { person: leading.person };
  if (PERSONAL_PRONOUNS.has(first.text.toLowerCase()) && speechVerbAfter(clause, tokens, first.end)) {
    return { pronoun: first.start };
  }
  if (first.text.toLowerCase() === 'according' && second?.text.toLowerCase() === 'to') {
    const source = clause.mentions.find((mention) => mention.start >= second.end);
    return source ? { person: source.person } : { unknown: true };
  }
  // "“…,” Johnson said." with a Johnson the article does not tell apart: someone, but not known.
  if (isCapitalised(first.text) && speechVerbAfter(clause, tokens, first.end)) return { unknown: true };
  if (isSpeechVerb(first.text)) {
    const inverted = clause.mentions.find((mention) =>
      /^\s+$/u.test(clause.masked.slice(first.end, mention.start)),
    );
    // "“Just our luck”!! Exclaimed Stram.": capitalised after an exclamation, with its speaker next.
    if (inverted) return { person: inverted.person };
    return isCapitalised(first.text) ? undefined : { unknown: true };
  }
  return undefined;
}

function clauseWords(clause: Clause): Word[] {
  return words(clause.masked.slice(clause.from, clause.to)).map((word) => ({
    text: word.text,
    start: word.start + clause.from,
    end: word.end + clause.from,
  }));
}

/** A speech verb used as a verb: not capitalised, not after "the"/"to" (a noun or an infinitive). */
function isVerbCue(token: Word, previous: Word | undefined): boolean {
  if (isCapitalised(token.text) || !isSpeechVerb(token.text)) return false;
  const before = previous?.text.toLowerCase() ?? '';
  return !DETERMINERS.has(before) && before !== 'to';
}

function subjectOf(clause: Clause, tokens: readonly Word[], verb: Word): Subject {
  // "Sam Rayburn (D., Tex.) called …", "Jones (72) said …": an aside in brackets after the name.
  const bracketed = clause.mentions.find((mention) =>
    /^\s*\([^()]{1,30}\)\s+$/u.test(clause.masked.slice(mention.end, verb.start)),
  );
  if (bracketed) return { person: bracketed.person };
  const at = tokens.indexOf(verb);
  if (/ing$/iu.test(verb.text)) return firstSubject(clause, verb.start) ?? { unknown: true };
  let index = at - 1;
  while (index >= 0 && AUXILIARIES.has(tokens[index]?.text.toLowerCase() ?? '')) index--;
  const previous = tokens[index];
  if (previous === undefined) {
    const inverted = clause.mentions.find((mention) => mention.start >= verb.end);
    return inverted ? { person: inverted.person } : { unknown: true };
  }
  const lower = previous.text.toLowerCase();
  if (PASSIVE_MARKERS.has(lower)) return passiveAgent(clause, verb);
  const gap = clause.masked.slice(previous.end, (tokens[index + 1] ?? verb).start);
  const named = clause.mentions.find((mention) => mention.end === previous.end);
  if (named && /^\s+$/u.test(gap)) return { person: named.person };
  // "Woodward’s book claims …": the author of the source speaks.
  const author = clause.mentions.find((mention) =>
    /^['’]s?\s+$/u.test(clause.masked.slice(mention.end, previous.start)),
  );
  if (author && isSourceNoun(lower) && /^\s+$/u.test(gap)) return { person: author.person };
  if (PERSONAL_PRONOUNS.has(lower) && /^\s+$/u.test(gap)) return { pronoun: previous.start };
  if (lower === 'who') {
    const antecedent = clause.mentions.find((mention) =>
      /^\s*,?\s*$/u.test(clause.masked.slice(mention.end, previous.start)),
    );
    if (antecedent) return { person: antecedent.person };
  }
  // "Putin, who was asked about it, said …", "… and said": the verb shares the clause's subject.
  if (/[,;]/u.test(gap) || CONJUNCTIONS.has(lower))
    return firstSubject(clause, verb.start) ?? { unknown: true };
  return { unknown: true };
}

/** The first person named in the clause before `offset`, or a sentence-opening pronoun. */
function firstSubject(clause: Clause, offset: number): Subject | undefined {
  const mention = clause.mentions.find((candidate) => candidate.end <= offset);
  const pronoun = clauseWords(clause).find((word) => PERSONAL_PRONOUNS.has(word.text.toLowerCase()));
  if (mention && (!pronoun || mention.start < pronoun.start)) return { person: mention.person };
  return pronoun && pronoun.start < offset ? { pronoun: pronoun.start } : undefined;
}

function passiveAgent(clause: Clause, verb: Word): Subject {
  const agent = /^\s+by\s+/u.exec(clause.masked.slice(verb.end, clause.to));
  const mention =
    agent && clause.mentions.find((candidate) => candidate.start === verb.end + agent[0].length);
  return mention ? { person: mention.person } : { unknown: true };
}

/**
 * "a report by veteran journalist Bob Woodward", "according to Bob Woodward", "Woodward’s book":
 * the mention is the author of what is quoted.
 */
function isSource(clause: Clause, tokens: readonly Word[], mention: Mention): boolean {
  const before = tokens.filter((token) => token.end <= mention.start).map((token) => token.text);
  if (before.slice(-2).join(' ').toLowerCase() === 'according to') return true;
  // Up to three lower-case words ("veteran journalist") between the preposition and the name.
  let index = before.length - 1;
  while (index >= before.length - 4 && /^\p{Ll}+$/u.test(before[index] ?? '')) {
    const word = before[index] ?? '';
    if (word === 'by' || word === 'from' || DETERMINERS.has(word)) break;
    index--;
  }
  const preposition = before[index];
  if (
    (preposition === 'by' || preposition === 'from') &&
    before.slice(Math.max(0, index - 3), index).some(isSourceNoun)
  ) {
    return true;
  }
  const after = /^['’]s?\s+(?:\p{Ll}+\s+)?(\p{Ll}+)/u.exec(clause.masked.slice(mention.end, clause.to));
  return after?.[1] !== undefined && isSourceNoun(after[1]);
}

function isSourceNoun(word: string): boolean {
  return SOURCE_NOUNS.has(word) || SOURCE_NOUNS.has(word.replace(/s$/u, ''));
}

/**
 * Where the words after a name go on past an aside between commas ("Beryl W. Sprinkel, economist of
 * Harris Trust & Savings Bank, Chicago, predicted"): the end of the aside, or `offset` without one.
 */
function afterAside(clause: Clause, offset: number): number {
  const aside = /^,\s+\p{Ll}[^«».;:!?]{0,100},/u.exec(clause.masked.slice(offset, clause.to));
  return aside ? offset + aside[0].length : offset;
}

/** A speech verb right after `offset` (capitalised too, for Title Case headlines: "Putin Says …"). */
function speechVerbAfter(clause: Clause, tokens: readonly Word[], offset: number): boolean {
  const gap = /^(?:\s*,\s*\d+\s*,)?\s+/u.exec(clause.masked.slice(offset, clause.to));
  if (!gap) return false;
  for (const token of tokens.filter((candidate) => candidate.start >= offset)) {
    if (AUXILIARIES.has(token.text.toLowerCase())) continue;
    return isSpeechVerb(token.text);
  }
  return false;
}
