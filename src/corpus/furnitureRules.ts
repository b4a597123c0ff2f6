import { RE2JS } from 're2js';
import type { CorpusProblem } from './article.js';

/** A rule's compiled expression: as written (for snapshots and audits), and a test of one paragraph. */
export interface RulePattern {
  readonly source: string;
  readonly flags: string;
  test(text: string): boolean;
}

/** A moderator-readable rule that marks a paragraph as page furniture (not part of the story). */
export interface FurnitureRule {
  readonly pattern: RulePattern;
  /** The comment above the rule in the rules file, shown when auditing. */
  readonly label: string;
  readonly line: number;
}

export const FURNITURE_RULES_FILE = 'furniture-rules.txt';

/**
 * Parses a furniture rules file: one `/regex/flags` per line, `#` comments label the rules below
 * them, blank lines are ignored. Invalid lines are reported and skipped.
 */
export function parseFurnitureRules(
  text: string,
  file = FURNITURE_RULES_FILE,
): { rules: FurnitureRule[]; problems: CorpusProblem[] } {
  const rules: FurnitureRule[] = [];
  const problems: CorpusProblem[] = [];
  let label = '';
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    const entry = raw.trim();
    if (entry === '') return;
    if (entry.startsWith('#')) {
      label = entry.replace(/^#+\s*/, '');
      return;
    }
    const match = /^\/(.+)\/([a-z]*)$/.exec(entry);
    if (!match?.[1]) {
      problems.push({ file, line, message: `expected a rule as /regular expression/flags, got "${entry}"` });
      return;
    }
    try {
      rules.push({ pattern: compileRule(match[1], match[2] ?? ''), label, line });
    } catch (error) {
      problems.push({ file, line, message: `invalid regular expression: ${(error as Error).message}` });
    }
  });
  return { rules, problems };
}

/**
 * Compiles a rule with RE2 (re2js): matching takes time linear in the paragraph, so a moderator's
 * rule such as /^(a+)+$/ cannot freeze the bot the way a backtracking engine lets it. RE2 has no
 * look-around or back-references; such a rule is refused with its line. Flags: i, m, s, u; g and y
 * are dropped (a rule tests one paragraph at a time, from its start).
 */
export function compileRule(source: string, flags: string): RulePattern {
  let options = 0;
  for (const flag of new Set(flags.replace(/[gyu]/g, ''))) {
    if (flag === 'i') options |= RE2JS.CASE_INSENSITIVE;
    else if (flag === 'm') options |= RE2JS.MULTILINE;
    else if (flag === 's') options |= RE2JS.DOTALL;
    else throw new Error(`the flag "${flag}" is not supported (use i, m, s or u)`);
  }
  let compiled: RE2JS;
  try {
    compiled = RE2JS.compile(source, options);
  } catch (error) {
    throw new Error(
      `${(error as Error).message} (rules use RE2 syntax, which has no look-around or back-references)`,
    );
  }
  return { source, flags: flags.replace(/[gy]/g, ''), test: (text) => compiled.matcher(text).find() };
}

/** The first rule that matches the paragraph, if any. */
export function matchFurniture(text: string, rules: readonly FurnitureRule[]): FurnitureRule | undefined {
  return rules.find((rule) => rule.pattern.test(text));
}
