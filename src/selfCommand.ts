import { join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { projectRootOf } from './text/installCache.js';

/** A command that starts this program again in a child process: the file Node runs, then its arguments. */
export interface SelfCommand {
  readonly file: string;
  readonly args: readonly string[];
}

/**
 * How a shard or an HTTP worker runs the entry point `entry` (a path from the project root) whose
 * module URL is `moduleUrl`. From a bundle (see cli/runBundled.mjs), through the launcher again: a
 * child started later (a shard replaced on SIGHUP after a deploy, one restarted after a crash) runs
 * the sources of that moment, as it would through tsx, and never a bundle removed since. Otherwise
 * the module's own file, which Node runs with the parent's flags (tsx's loader among them).
 */
export function selfCommand(moduleUrl: string, entry: string): SelfCommand {
  const file = fileURLToPath(moduleUrl);
  if (!file.includes(`${sep}.excerpt-bundles${sep}`)) return { file, args: [] };
  return { file: join(projectRootOf(file), 'src', 'cli', 'runBundled.mjs'), args: [entry] };
}
