/** A fingerprint of every .ts and .mjs file under `folder` (paths, sizes, modification times). */
export function sourceFingerprint(folder: string): string;
/** The bundle of `entry` (a path from the project root) for the sources as they are now, built if missing. */
export function bundleFor(entry: string): Promise<string>;
