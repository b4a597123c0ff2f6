import { mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

// Files cut at install from large packages (the word vectors, the WordNet synonyms) live in npm's
// conventional cache folder, beside the packages they come from.

/**
 * The project's folder: two levels above this module (src/text/), or, for the bundled CLI (see
 * cli/runBundled.mjs), the folder holding the node_modules its bundle lives in.
 */
export function projectRootOf(moduleFile: string): string {
  const inPackages = moduleFile.lastIndexOf(`${sep}node_modules${sep}`);
  return inPackages >= 0 ? moduleFile.slice(0, inPackages) : join(dirname(moduleFile), '..', '..');
}
const projectRoot = projectRootOf(fileURLToPath(import.meta.url));

/** Where a file cut at install lives. */
export function installCacheFile(name: string): string {
  return join(projectRoot, 'node_modules', '.cache', 'excerpt', name);
}

/** Removes the files of earlier formats beside `file` (matched by `earlier`): they are never read again. */
export function removeEarlierFormats(file: string, earlier: RegExp): void {
  for (const name of readdirSync(dirname(file)))
    if (earlier.test(name) && name !== basename(file)) rmSync(join(dirname(file), name));
}

/**
 * Writes a file cut at install atomically (a temporary file, then a rename: a reader never sees half
 * of it) and removes the files of earlier formats beside it (see removeEarlierFormats).
 */
export function writeInstallFile(file: string, text: string, earlier: RegExp): void {
  mkdirSync(dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, text);
  renameSync(temporary, file);
  removeEarlierFormats(file, earlier);
}
