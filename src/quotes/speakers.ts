import type { Article } from '../corpus/article.js';
import { pushTo } from '../groups.js';
import { bindDescriptions, findDescriptions } from './descriptions.js';
import { foldName, type NameSighting, nameKey, readNameRun, surnameOf } from './nameEvidence.js';
import { findNameRuns, words } from './nameRuns.js';
import type { StoryParagraph } from './storyText.js';

/** People quote; a "group" is a named place or organisation that speaks ("Kyiv has said …"). */
export type SpeakerKind = 'person' | 'group';

/** Someone an article names, with every way the article refers to them. */
export interface Person {
  /** The fullest form of the name the article uses: "Vladimir Putin". */
  readonly name: string;
  /** The name, its shorter forms, title + surname and bound descriptions ("the Kremlin leader"). */
  readonly aliases: readonly string[];
  readonly kind: SpeakerKind;
  /** Offices the article gives them by title ("president"), courtesy titles aside. */
  readonly offices?: readonly string[];
}

/** A place in a text where a known person is named or described. */
export interface Mention {
  readonly start: number;
  readonly end: number;
  readonly person: Person;
}

/** The people of one article and a way to find them in its sentences. */
export interface ArticlePeople {
  readonly people: readonly Person[];
  /** Mentions of known people in `text` (names, title + name, bound descriptions), in order. */
  mentions(text: string): Mention[];
}

interface Draft {
  readonly kind: SpeakerKind;
  readonly forms: string[][];
  readonly titles: Set<string>;
  readonly descriptions: Set<string>;
}

/**
 * Finds the people an article names, from its own text: capitalised names that a title, a role, a
 * speech verb or "his/her" marks as a person, joined by surname ("Putin", "Vladimir Putin").
 * Page furniture is used only to complete the name of someone the story already names (a caption's
 * "Vladimir Putin and Donald Trump" gives the full names); it never adds a person on its own.
 * Descriptions ("the Russian president") are bound to a person by apposition or a title
 * ("Ukrainian President Volodymyr Zelenskyy"), or else when every use follows a sentence about the
 * same person; otherwise they stay unbound.
 */
export function discoverPeople(article: Article, story: readonly StoryParagraph[]): ArticlePeople {
  const lowerWords = new Set(
    article.paragraphs.flatMap((paragraph) =>
      words(paragraph.text)
        .map((word) => word.text)
        .filter((word) => word === word.toLowerCase()),
    ),
  );
  const sightings = story.flatMap((paragraph) =>
    findNameRuns(paragraph.text).flatMap((run) => readNameRun(paragraph.text, run, lowerWords) ?? []),
  );
  const drafts = draftPeople(sightings, article.byline);
  completeFromFurniture(article, drafts);
  const named = [...drafts.values()].flatMap((draft) => toPeople(draft));
  const nameMatcher = buildMatcher(named);
  const bound = bindDescriptions(findDescriptions(story), story, nameMatcher, named);
  const people = named.map((person) => {
    const extra = bound.get(person) ?? [];
    return extra.length === 0 ? person : { ...person, aliases: uniqueAliases([...person.aliases, ...extra]) };
  });
  return { people, mentions: buildMatcher(people) };
}

function draftPeople(sightings: readonly NameSighting[], byline: string | undefined): Map<string, Draft> {
  const byKey = new Map<string, NameSighting[]>();
  for (const sighting of sightings) {
    const key = nameKey(surnameOf(sighting.name));
    pushTo(byKey, key, sighting);
  }
  for (const [key, group] of [...byKey]) {
    // "President Kennedy" beside "First Lady Jacqueline Kennedy": a surname with an office the full
    // name never holds is someone else of that surname, kept apart (one alias "Kennedy" then names
    // neither). Courtesy titles ("Mrs. Kennedy") say nothing of this.
    const fullOffices = new Set(group.filter((sighting) => sighting.name.length > 1).flatMap(officeOf));
    if (fullOffices.size === 0) continue;
    const apart = group.filter(
      (sighting) =>
        sighting.name.length === 1 && officeOf(sighting).some((office) => !fullOffices.has(office)),
    );
    if (apart.length === 0) continue;
    byKey.set(
      key,
      group.filter((sighting) => !apart.includes(sighting)),
    );
    for (const sighting of apart) pushTo(byKey, `${key}|${officeOf(sighting).join(' ')}`, sighting);
  }
  const bylineKey = byline ? nameKey(surnameOf(byline.split(/\s+/u))) : undefined;
  const drafts = new Map<string, Draft>();
  for (const [key, group] of byKey) {
    const kind = kindOf(group, key === bylineKey);
    if (kind === undefined) continue;
    drafts.set(key, {
      kind,
      forms: group.map((sighting) => [...sighting.name]),
      titles: new Set(
        group.flatMap((sighting) => (sighting.title.length > 0 ? [sighting.title.join(' ')] : [])),
      ),
      descriptions: new Set(group.flatMap(descriptionsOf)),
    });
  }
  return drafts;
}

const COURTESY_TITLES = new Set(['mr', 'mrs', 'ms', 'miss', 'dr', 'sir', 'dame']);

/** The office a title's words give ("Vice President" → president), none for a courtesy title ("Mrs."). */
function officeIn(title: readonly string[]): string[] {
  const office = (title.at(-1) ?? '').toLowerCase().replace(/\.$/u, '');
  return office === '' || COURTESY_TITLES.has(office) ? [] : [office];
}

/** The office a sighting's title gives ("President Kennedy" → president). */
function officeOf(sighting: NameSighting): string[] {
  return officeIn(sighting.title);
}

function kindOf(group: readonly NameSighting[], isByline: boolean): SpeakerKind | undefined {
  if (isByline || group.some((sighting) => sighting.titled)) return 'person';
  const personal = group.filter((sighting) => sighting.speaks || sighting.personal).length;
  const places = group.filter((sighting) => sighting.placeOrOrganisation).length;
  if (personal > places) return 'person';
  return group.some((sighting) => sighting.speaks) ? 'group' : undefined;
}

/** "the Ukrainian president" from "Ukrainian President …", "the veteran journalist" from "veteran journalist …". */
function descriptionsOf(sighting: NameSighting): string[] {
  const found: string[] = [];
  if (sighting.title.length > 0 && sighting.qualifier.length > 0) {
    found.push(`the ${sighting.qualifier.join(' ')} ${sighting.title.join(' ').toLowerCase()}`);
  }
  if (sighting.role) found.push(`the ${sighting.role}`);
  if (sighting.apposition) found.push(sighting.apposition.replace(/\s+/gu, ' '));
  return found;
}

/** Adds the longer forms of known names that captions and other furniture give. */
function completeFromFurniture(article: Article, drafts: Map<string, Draft>): void {
  for (const paragraph of article.paragraphs.filter((candidate) => candidate.furniture)) {
    for (const run of findNameRuns(paragraph.text)) {
      const end = run.words.findIndex((word) => drafts.get(nameKey(word))?.kind === 'person');
      const draft = drafts.get(nameKey(run.words[end] ?? ''));
      if (end < 1 || draft === undefined) continue;
      draft.forms.push(run.words.slice(0, end + 1));
    }
  }
}

/** One person per first name when an article names two people with one surname; then "Johnson" alone is ambiguous. */
function toPeople(draft: Draft): Person[] {
  const full = draft.forms.filter((form) => form.length > 1);
  const firstNames = new Set(full.map((form) => foldName(form[0] ?? '')));
  if (firstNames.size <= 1) return [makePerson(draft, draft.forms, true)];
  return [...firstNames].map((first) =>
    makePerson(
      draft,
      full.filter((form) => foldName(form[0] ?? '') === first),
      false,
    ),
  );
}

function makePerson(draft: Draft, forms: readonly string[][], withSurname: boolean): Person {
  const longest = Math.max(...forms.map((form) => form.length));
  const name = (forms.find((form) => form.length === longest) ?? []).join(' ');
  const surname = surnameOf(name.split(' '));
  const bare = surname.replace(/^\p{Ll}{1,3}-/u, '');
  const aliases = [name];
  if (withSurname && draft.kind === 'person') {
    for (const title of draft.titles) aliases.push(`${title} ${bare}`, `${title} ${name}`);
    aliases.splice(1, 0, surname, bare);
  }
  aliases.push(...forms.map((form) => form.join(' ')));
  if (withSurname && draft.kind === 'person') aliases.push(...draft.descriptions);
  const held = [...draft.titles].flatMap((title) => officeIn(title.split(' ')));
  return {
    name,
    aliases: uniqueAliases(aliases),
    kind: draft.kind,
    ...(held.length > 0 ? { offices: held } : {}),
  };
}

function uniqueAliases(aliases: readonly string[]): string[] {
  const seen = new Set<string>();
  return aliases.filter((alias) => {
    const key = foldName(alias);
    if (alias === '' || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * A function finding mentions of the given people: every alias, case-sensitive except for the first
 * letter of descriptions and particle names ("The Russian president", "Al-Assad"). An alias that
 * two people share is left out.
 */
function buildMatcher(people: readonly Person[]): (text: string) => Mention[] {
  const owners = new Map<string, Person | null>();
  for (const person of people) {
    for (const alias of person.aliases) {
      for (const variant of caseVariants(alias)) {
        const owner = owners.get(variant);
        owners.set(variant, owner === undefined || owner === person ? person : null);
      }
    }
  }
  const aliases = [...owners.keys()].filter((alias) => owners.get(alias)).sort((a, b) => b.length - a.length);
  if (aliases.length === 0) return () => [];
  const pattern = new RegExp(
    `(?<![\\p{L}\\p{N}-])(?:${aliases.map(escapeRegExp).join('|')})(?![\\p{L}\\p{N}])`,
    'gu',
  );
  return (text) =>
    Array.from(text.matchAll(pattern), (match) => ({
      start: match.index,
      end: match.index + match[0].length,
      person: owners.get(match[0]) as Person,
    }));
}

function caseVariants(alias: string): string[] {
  const first = alias[0] ?? '';
  if (!/^(?:the |\p{Ll}{1,3}-)/u.test(alias)) return [alias];
  return [alias, first.toUpperCase() + alias.slice(1)];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
}
