import { ROLE_NOUNS } from '../quotes/lexicon.js';
import { analyzeWord, tokenize } from '../search/analyzer.js';
import { placeGroups } from '../text/placeNames.js';
import type { Correction } from './correctQuestion.js';

// People ask about someone by what they are ("the Russian leader", "Kyiv's leader", "the Kremlin
// boss") where an article names them ("Putin", "Ukrainian President Volodymyr Zelenskyy"). The
// quote index already knows how each article describes each person ("the Russian president", "the
// Kremlin leader"); a description in the question that one person answers to is read as their name.

/** Someone the library names, with the ways its articles refer to them ("the Kremlin leader"). */
export interface KnownPerson {
  readonly name: string;
  readonly aliases: readonly string[];
}

// Roles that say the same of a person in a question as in an article: "the Russian leader" is what
// an article calls "the Russian president"; "the Watergate reporter" its "veteran journalist".
const ROLE_KINDS: readonly (readonly string[])[] = [
  [
    'president',
    'leader',
    'chief',
    'boss',
    'head',
    'ruler',
    'premier',
    'chancellor',
    'strongman',
    'dictator',
    'prez',
  ],
  ['journalist', 'reporter', 'correspondent', 'writer', 'author', 'columnist'],
];
// Any other role the quote index binds descriptions to ("the Kremlin spokesman", "the foreign
// minister") is a kind of its own: read only as itself.
const KIND_OF: ReadonlyMap<string, string> = new Map([
  ...[...ROLE_NOUNS].map((role): [string, string] => [role, role]),
  ...ROLE_KINDS.flatMap((roles) => roles.map((role): [string, string] => [role, roles[0] ?? role])),
]);
// Words before a role that describe the person ("the ousted Syrian ruler"): at most two.
const MAX_QUALIFIERS = 2;
// Words that say the same of someone's standing: an article's "the newly elected president" is the
// question's "incoming American leader", "new US president" or "president-elect".
const NEWLY = new Set(['new', 'newly', 'elected', 'elect', 'incoming', 'next']);
const NEWLY_READ = 'newly';
// The offices whose new holder is the newly elected one, as a head of state is ("the incoming
// American head of state"); "the new boss" may be a club's new coach.
const OFFICES = new Set(['president', 'prez', 'leader']);

interface Described {
  readonly qualifiers: ReadonlySet<string>;
  readonly person: KnownPerson;
}

/** Reads descriptions of people in questions as names, for one list of people. */
export class RoleNames {
  /** The people by the kind of role their articles give them, with that description's qualifiers. */
  private readonly byRole = new Map<string, Described[]>();

  constructor(people: readonly KnownPerson[]) {
    for (const person of people)
      for (const alias of person.aliases) {
        // "the Kremlin leader": "the", qualifiers, a role.
        const words = alias.toLowerCase().split(/\s+/u);
        const role = KIND_OF.get(words.at(-1) ?? '');
        if (words[0] !== 'the' || words.length < 3 || role === undefined) continue;
        const described = { qualifiers: new Set(words.slice(1, -1).map(standing)), person };
        const list = this.byRole.get(role);
        if (list) list.push(described);
        else this.byRole.set(role, [described]);
      }
  }

  /**
   * The question with each description that exactly one person answers to read as their name
   * ("Moscow's leader" → "Putin"), and those readings. A description an article uses as it stands
   * ("the Kremlin leader") is left to be found as written.
   */
  read(text: string): { text: string; corrections: Correction[] } {
    const tokens = tokenize(text);
    const named = new Set(tokens.map((token) => possessor(token.word)));
    const corrections: Correction[] = [];
    let read = '';
    let end = 0;
    for (let i = 0; i < tokens.length; i++) {
      const word = tokens[i]?.word.toLowerCase() ?? '';
      const role = KIND_OF.get(word);
      if (role === undefined) continue;
      // "head of state" is one role, and "the head of the Kremlin" is its "Kremlin leader"; a "head
      // coach" is not a leader, nor is "the head of news" (no one is described as "the news leader").
      const ofState =
        tokens[i + 1]?.word.toLowerCase() === 'of' && tokens[i + 2]?.word.toLowerCase() === 'state';
      const headOf = word === 'head' && !ofState ? qualifierAfterOf(tokens, i) : undefined;
      if (word === 'head' && !ofState && headOf === undefined) continue;
      // "president-elect": the role, and a word of standing after it.
      const elect = tokens[i + 1]?.word.toLowerCase() === 'elect';
      const last = headOf ?? (word === 'head' ? i + 2 : elect ? i + 1 : i);
      let first = i;
      // Not into a description already read ("kremlin boss president-elect": two people).
      while (
        first > i - MAX_QUALIFIERS &&
        first > 0 &&
        (tokens[first - 1]?.start ?? 0) >= end &&
        isQualifier(tokens[first - 1]?.word ?? '')
      )
        first--;
      if (first === i && !elect && headOf === undefined) continue;
      // A new officeholder is a new president or leader: "the new boss" of a story about a football
      // club's new coach is not the newly elected president of another article.
      const asked = [
        ...tokens.slice(first, i).map((token) => possessor(token.word)),
        ...(elect ? ['elect'] : []),
        ...(headOf === undefined ? [] : [possessor(tokens[headOf]?.word ?? '')]),
      ].filter((qualifier) => OFFICES.has(word) || ofState || !NEWLY.has(qualifier));
      const found = this.onlyPerson(role, asked);
      const person = found?.person;
      // Words before the description that say nothing of the person stay the question's ("last
      // spoke president-elect": "last spoke" stays).
      while (first < i && !found?.matched.has(possessor(tokens[first]?.word ?? ''))) first++;
      if (tokens[first - 1]?.word.toLowerCase() === 'the') first--;
      const start = tokens[first]?.start ?? 0;
      const stop = tokens[last]?.end ?? 0;
      const phrase = text.slice(start, stop);
      if (!person || person.aliases.some((alias) => alias.toLowerCase() === phrase.toLowerCase())) continue;
      const name = shortNameOf(person);
      // "is trump actually the new president": the question names them already, and asks about it.
      if (named.has(name.toLowerCase())) continue;
      corrections.push({ from: phrase, to: name, kind: 'person' });
      read += text.slice(end, start) + name;
      end = stop;
      i = last;
    }
    return { text: read + text.slice(end), corrections };
  }

  /**
   * The one person described by a role of this kind and one of the qualifiers, or a place's other
   * names. Asked for a new officeholder ("the incoming US leader"), one an article calls new comes
   * before one it does not: the incoming president is not the one in office ("the US president").
   */
  private onlyPerson(
    role: string,
    asked: readonly string[],
  ): { person: KnownPerson; matched: ReadonlySet<string> } | undefined {
    const meant = new Set(asked.flatMap((qualifier) => [...namesOfPlace(qualifier)].map(standing)));
    const described = (this.byRole.get(role) ?? []).filter(({ qualifiers }) =>
      [...qualifiers].some((qualifier) => meant.has(qualifier)),
    );
    const isNew = ({ qualifiers }: Described) => qualifiers.has(NEWLY_READ);
    const preferred = meant.has(NEWLY_READ) && described.some(isNew) ? described.filter(isNew) : described;
    const [first] = preferred;
    if (!first || preferred.some(({ person }) => person !== first.person)) return undefined;
    // The asked words that describe them, as the question writes them.
    const theirs = new Set(preferred.flatMap(({ qualifiers }) => [...qualifiers]));
    const matched = new Set(
      asked.filter((word) => [...namesOfPlace(word)].some((name) => theirs.has(standing(name)))),
    );
    return { person: first.person, matched };
  }
}

/** In "head of (the) X", the index of X when it may describe the person ("the head of the Kremlin"). */
function qualifierAfterOf(tokens: readonly { word: string }[], head: number): number | undefined {
  if (tokens[head + 1]?.word.toLowerCase() !== 'of') return undefined;
  const at = tokens[head + 2]?.word.toLowerCase() === 'the' ? head + 3 : head + 2;
  const word = tokens[at]?.word;
  return word !== undefined && isQualifier(word) ? at : undefined;
}

/**
 * Whether a word before a role may describe the person: a content word, or a country's initials
 * written in lower case ("the incoming us president"), which the analyzer drops as the pronoun.
 */
function isQualifier(word: string): boolean {
  return analyzeWord(word) !== null || COUNTRY_INITIALS.test(word);
}
const COUNTRY_INITIALS = /^(?:us|uk)$/iu;

/** A qualifier, with the words for a new officeholder read as one ("incoming" → "newly"). */
function standing(qualifier: string): string {
  return NEWLY.has(qualifier) ? NEWLY_READ : qualifier;
}

/** "Moscow's" → "moscow": the place or person a possessive names. */
function possessor(word: string): string {
  return word.toLowerCase().replace(/['’]s$/u, '');
}

/** How a person is named in a question's place: their surname as the articles write it ("Putin"). */
function shortNameOf(person: KnownPerson): string {
  return person.aliases.find((alias) => /^\p{Lu}[\p{L}'’-]+$/u.test(alias)) ?? person.name;
}

let places: Map<string, ReadonlySet<string>> | undefined;

/** A word and, if it names a country, its other names in lower case: "moscow" → russia, russian, moscow. */
function namesOfPlace(word: string): ReadonlySet<string> {
  if (!places) {
    places = new Map();
    for (const group of placeGroups()) {
      const names = new Set(group.map((name) => name.toLowerCase()));
      for (const name of names) places.set(name, names);
    }
  }
  return places.get(word) ?? new Set([word]);
}

/** Whether the question names a role a description may be read from ("leader", "reporter"). */
export function mentionsRole(text: string): boolean {
  return tokenize(text).some((token) => KIND_OF.has(token.word.toLowerCase()));
}

const readers = new WeakMap<readonly KnownPerson[], RoleNames>();

/** The reader for a list of people, made once per list (a library's speakers). */
export function roleNamesOf(people: readonly KnownPerson[]): RoleNames {
  let reader = readers.get(people);
  if (!reader) {
    reader = new RoleNames(people);
    readers.set(people, reader);
  }
  return reader;
}
