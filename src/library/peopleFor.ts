import { setTimeout as delay } from 'node:timers/promises';
import { type KnownPerson, mentionsRole } from '../answer/roleNames.js';
import type { LibraryView } from './libraries.js';

const NOBODY = (): readonly KnownPerson[] => [];

// A server's own quotes are built on first use, a few milliseconds an article; an answer does not
// wait longer than this for them (Discord wants an answer within 3 s). The build goes on, and the
// next question that names a role gets them.
const WAIT_FOR_QUOTES_MS = 250;

/**
 * The people a question may describe by their role ("the Russian leader"), as the articles this
 * library answers from describe them: the shared articles it shows and the server's own (its quote
 * library, built on first use). Looked up only when the question names a role. The quotes are a
 * help here, not a need: when they cannot be built, or not in time, the question is read as written.
 */
export async function peopleFor(
  view: LibraryView,
  question: string,
  waitMs = WAIT_FOR_QUOTES_MS,
): Promise<() => readonly KnownPerson[]> {
  if (!mentionsRole(question)) return NOBODY;
  const waited = new AbortController();
  const quotes = await Promise.race([
    view.quotes().catch(() => undefined),
    delay(waitMs, undefined, { signal: waited.signal }).catch(() => undefined),
  ]);
  waited.abort();
  return quotes ? () => quotes.speakers() : NOBODY;
}
