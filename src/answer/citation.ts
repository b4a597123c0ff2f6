/** "¶5", "¶5–6" or "¶5, 7": paragraph numbers as a reader sees them in a citation. */
export function paragraphLabel(paragraphs: readonly number[]): string {
  const [first] = paragraphs;
  const last = paragraphs.at(-1);
  if (first === undefined || last === undefined) return '';
  if (first === last) return `¶${first}`;
  return last - first === paragraphs.length - 1 ? `¶${first}–${last}` : `¶${paragraphs.join(', ')}`;
}
