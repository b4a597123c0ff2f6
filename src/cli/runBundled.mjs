// Runs an entry point (`node src/cli/runBundled.mjs src/cli/ask.ts …args`; every npm script that
// starts the bot or a command-line tool) from an esbuild bundle of it, built on first use and again
// whenever a source file changes. Plain JavaScript, so that Node runs it without tsx: loading the
// TypeScript modules one by one through tsx's hooks took about 0.6 s of `npm run ask`'s start and
// 0.9 s of the bot's, the bundle a tenth of that. Without esbuild, or when the bundle cannot be
// built, the entry point runs through tsx as before. Source maps beside each bundle let a process
// started with --enable-source-maps (the bot) report stacks by the TypeScript files' lines.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
// Two levels below the root, like src/<folder>/: modules that find the project from their own
// location (text/installCache.ts) find it from here too. Packages stay outside the bundle.
const BUNDLES = join(root, 'node_modules', '.excerpt-bundles');
// Bundles of other sources are removed once this old (a running command may still load its chunks).
const STALE_MS = 10 * 60 * 1000;

/** Every TypeScript file under `folder`, with its size and modification time: what a bundle is of. */
export function sourceFingerprint(folder) {
  const hash = createHash('sha256');
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name < b.name ? -1 : 1,
    )) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.(ts|mjs)$/.test(entry.name)) {
        const { size, mtimeMs } = statSync(path);
        hash.update(`${relative(folder, path)}\0${size}\0${mtimeMs}\n`);
      }
    }
  };
  walk(folder);
  return hash.digest('hex').slice(0, 16);
}

/** What a bundle of `entry` is of: every source under src/, and the entry itself when it is elsewhere (a test's worker). */
function bundleFingerprint(entry) {
  const sources = sourceFingerprint(join(root, 'src'));
  if (entry.startsWith('src/')) return sources;
  const { size, mtimeMs } = statSync(join(root, entry));
  return createHash('sha256').update(`${sources}\0${size}\0${mtimeMs}`).digest('hex').slice(0, 16);
}

/** The bundle of `entry` (a path from the root) for the sources as they are now, built if missing. */
export async function bundleFor(entry) {
  const name = entry.replace(/^src\//, '').replace(/\.ts$/, '');
  const folder = join(BUNDLES, `${name.replaceAll('/', '-')}-${bundleFingerprint(entry)}`);
  const file = join(folder, `${name.split('/').at(-1)}.mjs`);
  try {
    statSync(file);
    return file;
  } catch {
    // Not built for these sources yet.
  }
  const { build } = await import('esbuild');
  // Built beside, then renamed into place: a command started meanwhile never sees half a bundle.
  const building = `${folder}.${process.pid}.tmp`;
  mkdirSync(BUNDLES, { recursive: true });
  await build({
    entryPoints: { [name.split('/').at(-1)]: join(root, entry) },
    bundle: true,
    // Modules loaded on demand (a server's library for --guild) stay in chunks of their own.
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    outdir: building,
    outExtension: { '.js': '.mjs' },
    sourcemap: true,
    logLevel: 'error',
  });
  try {
    renameSync(building, folder);
  } catch {
    // Another command built the same bundle first: use theirs.
    rmSync(building, { recursive: true, force: true });
  }
  removeOldBundles(folder);
  return file;
}

function removeOldBundles(current) {
  for (const entry of readdirSync(BUNDLES)) {
    const path = join(BUNDLES, entry);
    if (path === current) continue;
    try {
      if (Date.now() - statSync(path).mtimeMs > STALE_MS) rmSync(path, { recursive: true, force: true });
    } catch {
      // Removed by another command meanwhile.
    }
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [entry] = process.argv.splice(2, 1);
  if (!entry) {
    console.error('Usage: node src/cli/runBundled.mjs src/cli/<command>.ts [args…]');
    process.exit(2);
  }
  let target;
  try {
    target = await bundleFor(entry);
  } catch (error) {
    // No esbuild, or a source that does not build: tsx runs it, and reports any error in the source.
    if (process.env.DEBUG_BUNDLE) console.error(error);
    const { register } = await import('tsx/esm/api');
    register();
    target = join(root, entry);
  }
  // The entry point reads process.argv as if it had been run itself.
  process.argv[1] = target;
  await import(pathToFileURL(target).href);
}
