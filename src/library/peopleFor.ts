import { type KnownPerson, mentionsRole } from '../answer/roleNames.js';
import type { LibraryView } from './libraries.js';

const NOBODY = (): readonly KnownPerson[] => [];

/**
 * The people a question may describe by their role ("the Russian leader"), as the articles this
 * library answers from describe them: the shared articles it shows and the server's own (its quote
 * library, built on first use). Looked up only when the question names a role.
 */
export async function peopleFor(view: LibraryView, question: string): Promise<() => readonly KnownPerson[]> {
  if (!mentionsRole(question)) return NOBODY;
  // The quotes are a help here, not a need: if the server's cannot be built, the question is
  // answered as written rather than not at all (/quote reports the failure itself).
  const quotes = await view.quotes().catch(() => undefined);
  return quotes ? () => quotes.speakers() : NOBODY;
}
