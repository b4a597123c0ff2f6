/** Why adding an article by URL failed; the Discord layer and the CLI can branch on it. */
export type IngestErrorCode =
  | 'invalid-url'
  | 'private-address'
  | 'timeout'
  | 'too-large'
  | 'not-html'
  | 'too-many-redirects'
  | 'http-status'
  | 'network'
  | 'no-article'
  | 'duplicate'
  | 'archived';

/**
 * A failure a moderator can act on. The message is written for them ("The page is larger than
 * 2 MB") and can be shown as it is; `code` is for code.
 */
export class IngestError extends Error {
  override readonly name = 'IngestError';
  readonly code: IngestErrorCode;

  constructor(code: IngestErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}
