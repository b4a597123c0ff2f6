import { cp, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { REPO_DIR, runCli, runProcess } from '../runCli.js';
import { tempFolderForTest } from '../tempFolder.js';

/** Runs a bash pipeline from the repository; `codes` are the exit statuses of its commands. */
async function pipeline(script: string): Promise<{ stdout: string; stderr: string; codes: number[] }> {
  const { stdout, stderr } = await runProcess(
    'bash',
    ['-c', `${script}; echo "codes \${PIPESTATUS[*]}" >&2`],
    {
      env: { NODE: process.execPath },
    },
  );
  const codes = (/codes ([\d ]+)/.exec(stderr)?.[1] ?? '').trim().split(' ').map(Number);
  return { stdout, stderr, codes };
}

describe('the command line in pipes', () => {
  it('exits quietly when the reader closes the pipe early (… | head -1)', async () => {
    const { stdout, stderr, codes } = await pipeline(
      'yes "Assad Moscow" | head -n 3000 | "$NODE" src/cli/runBundled.mjs src/cli/ask.ts --json - | head -n 1',
    );
    expect(JSON.parse(stdout.trim())).toMatchObject({ answered: true });
    expect(stderr).not.toMatch(/EPIPE|Error/);
    expect(codes[2]).toBe(0);
  }, 30_000);

  it('reads a quote search whose first line starts with a byte-order mark', async () => {
    const run = await runCli('src/cli/quote.ts', ['--json', '-'], '\uFEFF{"text": "sovereign country"}\n');
    expect(run.code).toBe(0);
    const [line] = run.stdout.trim().split('\n');
    expect(JSON.parse(line ?? '{}')).toMatchObject({ status: 'found' });
  }, 30_000);

  it('prints the usage for --help, and names an unknown option instead of Node’s parser advice', async () => {
    const help = await runCli('src/cli/corpus.ts', ['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: npm run corpus -- <command>/);
    expect(help.stdout).toContain('--allow-private');
    const unknown = await runCli('src/cli/ask.ts', ['--bogus', 'question']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^Unknown option '--bogus'\.\nUsage: npm run ask/);
    expect(unknown.stderr).not.toMatch(/place it after|at parseArgs/);
  }, 30_000);

  it('says what is wrong with a bad --limit, with the same exit status for ask and quote', async () => {
    for (const script of ['src/cli/ask.ts', 'src/cli/quote.ts']) {
      const run = await runCli(script, ['--limit', 'abc', 'putin']);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/^--limit must be a whole number from 1 up, got "abc"\.\nUsage: /);
    }
  }, 30_000);

  it('reads .env in the working folder, as the bot does', async () => {
    const folder = await tempFolderForTest('excerpt-dotenv-');
    await mkdir(join(folder, 'articles'));
    await cp(
      join(REPO_DIR, 'corpus/2024-12-19-putin-says-he-will-meet-trump.md'),
      join(folder, 'articles/seed.md'),
    );
    await writeFile(join(folder, '.env'), 'CORPUS_DIR=articles\n');

    const run = await runProcess(
      process.execPath,
      [
        '--import',
        pathToFileURL(join(REPO_DIR, 'node_modules/tsx/dist/loader.mjs')).href,
        join(REPO_DIR, 'src/cli/corpus.ts'),
        'list',
      ],
      { cwd: folder },
    );
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^seed\t2024-12-19\tITV News\t\d+ paragraphs\t/);
  }, 30_000);
});
