import { eng as englishStopWords } from 'stopword';
import { pushTo } from '../groups.js';
import { ROLE_NOUNS } from './lexicon.js';
import { foldName } from './nameEvidence.js';
import type { Mention, Person } from './speakers.js';
import type { StoryParagraph } from './storyText.js';

/** A definite description of a person in the story: "the Russian president", "the Kremlin leader". */
export interface DescriptionSighting {
  readonly paragraph: number;
  readonly start: number;
  readonly end: number;
  /** Normalised: "the" + qualifier + role, role in lower case. */
  readonly text: string;
  /** "the Russian president" is; "the minister" is too generic to bind without a title or apposition. */
  readonly qualified: boolean;
}

const STOP_WORDS = new Set(englishStopWords);
const ROLES = [...ROLE_NOUNS].join('|');
// "the" + up to two qualifiers (capitalised, or lower-case adjectives) + a role noun, not followed
// by a name (that is a title: "the newly elected President Trump").
const DESCRIPTION = new RegExp(
  `(?<![\\p{L}])[Tt]he\\s+((?:[\\p{L}][\\p{L}-]*\\s+){0,2}?)(${ROLES})(?![\\p{L}])(?!\\s+\\p{Lu})`,
  'gu',
);

/** Descriptions of people in the reporter's words (quotations are masked), in reading order. */
export function findDescriptions(story: readonly StoryParagraph[]): DescriptionSighting[] {
  return story.flatMap((paragraph) =>
    Array.from(paragraph.masked.matchAll(DESCRIPTION)).flatMap((match) => {
      const qualifier = (match[1] ?? '').trim();
      if (qualifier.split(/\s+/u).some((word) => STOP_WORDS.has(word.toLowerCase()))) return [];
      const role = (match[2] ?? '').toLowerCase();
      return [
        {
          paragraph: paragraph.number,
          start: match.index,
          end: match.index + match[0].length,
          text: qualifier === '' ? `the ${role}` : `the ${qualifier} ${role}`,
          qualified: qualifier !== '',
        },
      ];
    }),
  );
}

/**
 * Binds qualified descriptions ("the Kremlin leader", not "the minister") that no title or
 * apposition already binds: each use votes for the person the sentence before it is about (its
 * first person named), and a description is bound only when every vote agrees. Returns the new
 * aliases of each person.
 */
export function bindDescriptions(
  sightings: readonly DescriptionSighting[],
  story: readonly StoryParagraph[],
  mentions: (text: string) => Mention[],
  people: readonly Person[],
): Map<Person, string[]> {
  const known = new Set(people.flatMap((person) => person.aliases.map(foldName)));
  const votes = new Map<string, { text: string; people: Set<Person> }>();
  let previousSubject: Person | undefined;
  for (const paragraph of story) {
    for (const sentence of paragraph.sentences) {
      const text = paragraph.masked.slice(sentence.start, sentence.end);
      for (const sighting of sightings) {
        const inside = sighting.paragraph === paragraph.number && sighting.start >= sentence.start;
        if (
          !inside ||
          sighting.start >= sentence.end ||
          !sighting.qualified ||
          known.has(foldName(sighting.text))
        ) {
          continue;
        }
        const key = foldName(sighting.text);
        const entry = votes.get(key) ?? { text: sighting.text, people: new Set<Person>() };
        if (previousSubject) entry.people.add(previousSubject);
        votes.set(key, entry);
      }
      const subject = mentions(text).find((mention) => mention.person.kind === 'person')?.person;
      previousSubject = subject ?? previousSubject;
    }
  }
  const bound = new Map<Person, string[]>();
  for (const { text, people: voters } of votes.values()) {
    const [person] = voters;
    if (voters.size !== 1 || person === undefined) continue;
    pushTo(bound, person, text);
  }
  return bound;
}
