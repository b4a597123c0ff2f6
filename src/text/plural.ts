const rules = new Intl.PluralRules('en-GB');

/**
 * A count with its noun in the right form: "1 article", "2 articles", "0 articles". `many` defaults
 * to `one` + "s"; irregular nouns pass it ("1 entry", "2 entries").
 */
export function count(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-GB')} ${rules.select(n) === 'one' ? one : many}`;
}
