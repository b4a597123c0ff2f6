import { runToEnd } from '../cooperative.js';
import { pushTo } from '../groups.js';
import { TITLES } from './lexicon.js';
import { foldName, nameKey, surnameOf } from './nameEvidence.js';
import type { Person, SpeakerKind } from './speakers.js';

/** One speaker across the corpus: the people of several articles who are the same person. */
export interface SpeakerEntry {
  readonly name: string;
  readonly aliases: readonly string[];
  readonly kind: SpeakerKind;
}

/**
 * Joins the people of all articles into speakers: the same surname and a compatible first name
 * ("Putin" in one article, "Vladimir Putin" in another) is one speaker named by the fullest form.
 * When two first names share a surname, each full name is its own speaker and a bare surname stays
 * a speaker of its own rather than be given to either.
 */
export function mergeSpeakers(people: readonly Person[]): Map<Person, SpeakerEntry> {
  return runToEnd(mergeSpeakersSteps(people));
}

/**
 * {@link mergeSpeakers} a step per surname, for a caller that runs it in slices: at 10,000 articles
 * merging everyone at once held the event loop for about 0.2 s.
 */
export function* mergeSpeakersSteps(people: readonly Person[]): Generator<void, Map<Person, SpeakerEntry>> {
  // Arrays grown in place: one surname can gather thousands of people.
  const groups = new Map<string, Person[]>();
  for (const person of people)
    pushTo(groups, `${person.kind}:${nameKey(surnameOf(person.name.split(' ')))}`, person);
  yield;
  const merged = new Map<Person, SpeakerEntry>();
  for (const group of groups.values()) {
    yield;
    const clusters = new Map<string, Person[]>();
    for (const person of group) {
      const words = person.name.split(' ');
      pushTo(clusters, words.length > 1 ? foldName(words[0] ?? '') : '', person);
    }
    const full = [...clusters.keys()].filter((cluster) => cluster !== '');
    const parts = full.length <= 1 ? withOfficesApart(group, clusters.get('') ?? []) : [...clusters.values()];
    for (const part of parts) {
      const entry = toEntry(part);
      for (const person of part) merged.set(person, entry);
    }
  }
  return merged;
}

/**
 * One speaker for a surname's people, but a bare surname holding an office that none of the full
 * names holds ("President Kennedy" beside "First Lady Jacqueline Kennedy") is someone else.
 */
function withOfficesApart(group: readonly Person[], bare: readonly Person[]): Person[][] {
  // Sets, not arrays: a surname in thousands of articles gathers thousands of people.
  const bareSet = new Set(bare);
  const offices = new Set(group.flatMap((person) => (bareSet.has(person) ? [] : (person.offices ?? []))));
  if (offices.size === 0) return [[...group]];
  const apart = new Set(
    bare.filter((person) => (person.offices ?? []).some((office) => !offices.has(office))),
  );
  if (apart.size === 0) return [[...group]];
  return [group.filter((person) => !apart.has(person)), [...apart]];
}

function toEntry(people: readonly Person[]): SpeakerEntry {
  const names = people.map((person) => person.name);
  const longest = Math.max(...names.map((name) => name.split(' ').length));
  const fullest = names.filter((name) => name.split(' ').length === longest);
  const uses = new Map<string, number>();
  for (const name of names) uses.set(name, (uses.get(name) ?? 0) + 1);
  const name = fullest.sort((a, b) => (uses.get(b) ?? 0) - (uses.get(a) ?? 0))[0] ?? '';
  const aliases = new Map<string, string>();
  for (const alias of [name, ...people.flatMap((person) => person.aliases)]) {
    if (!aliases.has(aliasKey(alias))) aliases.set(aliasKey(alias), alias);
  }
  return { name, aliases: [...aliases.values()], kind: people[0]?.kind ?? 'person' };
}

/**
 * The form of a name or alias used for look-ups: folded (case, accents), without a leading "the",
 * a possessive or punctuation: "The Kremlin leader’s" → "kremlin leader".
 */
export function aliasKey(text: string): string {
  return foldName(text)
    .replace(/['’]s\b/gu, '')
    .replace(/[^\p{L}\p{N}-]+/gu, ' ')
    .trim()
    .replace(/^the /u, '');
}

/** The key without leading titles: "President Putin" → "putin", "Mr. Peskov" → "peskov". */
export function withoutTitles(key: string): string {
  const words = key.split(' ');
  let start = 0;
  while (start < words.length - 1 && TITLES.has(words[start] ?? '')) start++;
  return words.slice(start).join(' ');
}
