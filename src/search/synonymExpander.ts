import type { OneWayGroup, SynonymGroup } from '../corpus/synonyms.js';
import { analyze } from './analyzer.js';

/** A group's phrases a question may use, and those it then stands for (the same, for equivalents). */
interface Group {
  readonly read: readonly Phrase[];
  readonly as: readonly Phrase[];
}

function isOneWay(group: SynonymGroup): group is OneWayGroup {
  return !Array.isArray(group);
}

interface Phrase {
  readonly text: string;
  readonly terms: readonly string[];
}

/** What the question's synonym phrases add: words to search for, and question terms they stand in for. */
export interface Expansion {
  /** Alternative phrases (as written in the synonyms file) whose words the corpus contains. */
  readonly alternatives: readonly string[];
  /**
   * Question terms whose meaning the corpus has under another phrase of their group, each with the
   * terms of those phrases ("soldier" → troop, forc).
   */
  readonly covered: ReadonlyMap<string, readonly string[]>;
}

/** Expands a question with equivalent phrases from the corpus's synonyms file. */
export class SynonymExpander {
  private readonly groups: readonly Group[];
  /** The groups (by position) with a phrase that has the term: a question is checked against only those. */
  private readonly groupsByTerm = new Map<string, number[]>();

  constructor(groups: readonly SynonymGroup[]) {
    const phrasesOf = (texts: readonly string[]) =>
      texts.map((text) => ({ text, terms: analyze(text) })).filter((phrase) => phrase.terms.length > 0);
    this.groups = groups.map((group) => {
      if (isOneWay(group)) return { read: phrasesOf(group.read), as: phrasesOf(group.as) };
      const phrases = phrasesOf(group);
      return { read: phrases, as: phrases };
    });
    for (const [at, group] of this.groups.entries())
      for (const term of new Set(group.read.flatMap((phrase) => phrase.terms))) {
        const list = this.groupsByTerm.get(term);
        if (list) list.push(at);
        else this.groupsByTerm.set(term, [at]);
      }
  }

  /**
   * For each group with a phrase whose terms all occur in the question, the other phrases of the
   * group that `inCorpus` says the corpus contains.
   */
  expand(questionTerms: ReadonlySet<string>, inCorpus: (term: string) => boolean): Expansion {
    const alternatives = new Set<string>();
    const covered = new Map<string, string[]>();
    const candidates = new Set<number>();
    for (const term of questionTerms) for (const at of this.groupsByTerm.get(term) ?? []) candidates.add(at);
    for (const at of [...candidates].sort((a, b) => a - b)) {
      const group = this.groups[at];
      if (!group) continue;
      const used = group.read.filter((phrase) => phrase.terms.every((term) => questionTerms.has(term)));
      if (used.length === 0) continue;
      const present = group.as.filter((phrase) => !used.includes(phrase) && phrase.terms.every(inCorpus));
      if (present.length === 0) continue;
      for (const phrase of present) alternatives.add(phrase.text);
      const standIns = present.flatMap((phrase) => phrase.terms);
      // A phrase's own words stand for nothing else in it: "north" stands for "korean" no more than
      // it does in a passage about the north of Miami.
      for (const phrase of used)
        for (const term of phrase.terms)
          covered.set(term, [
            ...(covered.get(term) ?? []),
            ...standIns.filter((standIn) => !phrase.terms.includes(standIn)),
          ]);
    }
    return { alternatives: [...alternatives], covered };
  }
}
