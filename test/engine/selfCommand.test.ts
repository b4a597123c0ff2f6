import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { selfCommand } from '../../src/selfCommand.js';
import { REPO_DIR } from '../runCli.js';

describe('how shards and workers start the program again', () => {
  it('goes through the bundle launcher when running from a bundle, so a later child runs the sources of its moment', () => {
    const bundle = join(REPO_DIR, 'node_modules/.excerpt-bundles/main-0123456789abcdef/main.mjs');
    expect(selfCommand(pathToFileURL(bundle).href, 'src/main.ts')).toEqual({
      file: join(REPO_DIR, 'src/cli/runBundled.mjs'),
      args: ['src/main.ts'],
    });
  });

  it('runs the module itself when running from the sources (through tsx)', () => {
    const source = join(REPO_DIR, 'src/main.ts');
    expect(selfCommand(pathToFileURL(source).href, 'src/main.ts')).toEqual({ file: source, args: [] });
  });
});
