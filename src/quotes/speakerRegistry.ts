import { TITLES } from './lexicon.js';
import { foldName, nameKey } from './nameEvidence.js';
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
  const groups = new Map<string, Person[]>();
  for (const person of people) {
    const key = `${person.kind}:${nameKey(person.name.split(' ').at(-1) ?? '')}`;
    groups.set(key, [...(groups.get(key) ?? []), person]);
  }
  const merged = new Map<Person, SpeakerEntry>();
  for (const group of groups.values()) {
    const clusters = new Map<string, Person[]>();
    for (const person of group) {
      const words = person.name.split(' ');
      const cluster = words.length > 1 ? foldName(words[0] ?? '') : '';
      clusters.set(cluster, [...(clusters.get(cluster) ?? []), person]);
    }
    const full = [...clusters.keys()].filter((cluster) => cluster !== '');
    const parts = full.length <= 1 ? [group] : [...clusters.values()];
    for (const part of parts) {
      const entry = toEntry(part);
      for (const person of part) merged.set(person, entry);
    }
  }
  return merged;
}

function toEntry(people: readonly Person[]): SpeakerEntry {
  const names = people.map((person) => person.name);
  const longest = Math.max(...names.map((name) => name.split(' ').length));
  const fullest = names.filter((name) => name.split(' ').length === longest);
  const name = fullest.sort((a, b) => count(names, b) - count(names, a))[0] ?? '';
  const aliases = new Map<string, string>();
  for (const alias of [name, ...people.flatMap((person) => person.aliases)]) {
    if (!aliases.has(aliasKey(alias))) aliases.set(aliasKey(alias), alias);
  }
  return { name, aliases: [...aliases.values()], kind: people[0]?.kind ?? 'person' };
}

function count(names: readonly string[], name: string): number {
  return names.filter((candidate) => candidate === name).length;
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
