/** One paragraph of an article body, numbered as in the article's file (1 = first block of the body). */
export interface Paragraph {
  /** 1-based position among the body's blocks, furniture included, so citations match the file. */
  readonly number: number;
  /** 1-based line in the article's file where the block starts. */
  readonly line: number;
  /** NFC-normalised text with whitespace collapsed. */
  readonly text: string;
  /** True when a furniture rule matched: kept for numbering, never indexed or cited. */
  readonly furniture: boolean;
}

export interface ArticleMeta {
  readonly title: string;
  readonly url: string;
  readonly publisher: string;
  /** ISO date, YYYY-MM-DD. */
  readonly published: string;
  readonly byline?: string;
}

export interface Article extends ArticleMeta {
  /** The file name without `.md`; stable across refreshes. */
  readonly id: string;
  /** Path of the source file relative to the corpus folder. */
  readonly file: string;
  readonly paragraphs: readonly Paragraph[];
}

/** A problem found while loading the corpus, reported as `file:line: message`. */
export interface CorpusProblem {
  readonly file: string;
  readonly line: number;
  readonly message: string;
  /**
   * A second copy of an article the corpus already serves: it is skipped and named, but does not stop
   * a refresh (nothing of it would be lost, and one stray copy must not block every later change).
   */
  readonly duplicate?: true;
}

export function formatProblem(problem: CorpusProblem): string {
  // A file name can hold a newline: shown escaped, it cannot forge another line of the report.
  const file = problem.file.replace(/\p{Cc}/gu, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return `${file}:${problem.line}: ${problem.message}`;
}
