/** Where cited words come from: the article, and the paragraphs as numbered in its file. */
export interface Citation {
  readonly articleId: string;
  readonly title: string;
  readonly url: string;
  /** The article URL with a text fragment that scrolls to the cited words. */
  readonly link: string;
  readonly publisher: string;
  readonly published: string;
  /** Who wrote the article, when its file says. */
  readonly byline?: string;
  /** Paragraph numbers as in the article's file, ascending. */
  readonly paragraphs: readonly number[];
}

/** "¶5", "¶5–6" or "¶5, 7": paragraph numbers as a reader sees them in a citation. */
export function paragraphLabel(paragraphs: readonly number[]): string {
  const [first] = paragraphs;
  const last = paragraphs.at(-1);
  if (first === undefined || last === undefined) return '';
  if (first === last) return `¶${first}`;
  return last - first === paragraphs.length - 1 ? `¶${first}–${last}` : `¶${paragraphs.join(', ')}`;
}
