import type { CorpusProblem } from './article.js';

/** A moderator-readable rule that marks a paragraph as page furniture (not part of the story). */
export interface FurnitureRule {
  readonly pattern: RegExp;
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
      // A rule tests one paragraph at a time: the g and y flags would make `test` resume where the
      // previous paragraph matched, so that every other caption slipped through.
      const flags = (match[2] ?? '').replace(/[gy]/g, '');
      rules.push({ pattern: new RegExp(match[1], flags), label, line });
    } catch (error) {
      problems.push({ file, line, message: `invalid regular expression: ${(error as Error).message}` });
    }
  });
  return { rules, problems };
}

/** The first rule that matches the paragraph, if any. */
export function matchFurniture(text: string, rules: readonly FurnitureRule[]): FurnitureRule | undefined {
  return rules.find((rule) => rule.pattern.test(text));
}
