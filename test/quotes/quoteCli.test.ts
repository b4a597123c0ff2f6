import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { nodeArgsFor } from '../runCli.js';

const run = promisify(execFile);

/** Runs `npm run quote -- …` and returns its output and exit code. */
async function quote(
  args: string[],
  input?: string,
): Promise<{ stdout: string; stderr: string; code: number }> {
  const child = run(process.execPath, [...nodeArgsFor('src/cli/quote.ts'), ...args], {
    env: { ...process.env, CORPUS_DIR: 'corpus' },
  });
  if (input !== undefined) {
    child.child.stdin?.end(input);
  } else {
    child.child.stdin?.end();
  }
  try {
    const { stdout, stderr } = await child;
    return { stdout, stderr, code: 0 };
  } catch (error) {
    const failed = error as { stdout: string; stderr: string; code: number };
    return { stdout: failed.stdout, stderr: failed.stderr, code: failed.code };
  }
}

describe('quote CLI', () => {
  it('prints exactly one JSON object for a search', async () => {
    const { stdout, code } = await quote(['--json', 'soverign country']);
    expect(code).toBe(0);
    expect(stdout.trim().split('\n')).toHaveLength(1);
    const result = JSON.parse(stdout);
    expect(result).toMatchObject({ query: 'soverign country', speaker: null, status: 'found' });
    expect(result.results[0]).toMatchObject({
      speaker: 'Vladimir Putin',
      article: '2024-12-19-putin-says-he-will-meet-trump',
      paragraphs: [7, 9],
    });
    expect(result.results[0].quote).toContain('a truly sovereign country');
    expect(result.results[0].link).toContain('#:~:text=');
  });

  it('answers one JSON line per line of stdin', async () => {
    const input = '{"text":"kilometres"}\nnot json\n{"speaker":"the kremlin leader"}\n';
    const { stdout, code } = await quote(['--json', '-'], input);
    const lines = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines).toHaveLength(3);
    expect(lines[0].results[0].paragraphs).toEqual([13]);
    expect(lines[1].error).toMatch(/^line 2: expected a JSON object/);
    expect(lines[2]).toMatchObject({ speaker: 'Vladimir Putin', total: 9 });
    expect(code).toBe(2);
  });

  it('checks the quotes of one chat message per stdin line, one {"quotes"} line out', async () => {
    const input = [
      JSON.stringify({ text: 'trump said "I will be prepared for a meeting if he wants it"' }),
      JSON.stringify({ text: 'putin: "situation is changing dramatically" and "we will win by spring"' }),
      '{"speaker":"no text"}',
    ].join('\n');
    const { stdout, code } = await quote(['--check', '--json', '-'], input);
    const lines = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines).toHaveLength(3);
    expect(lines[0].quotes).toEqual([
      expect.objectContaining({
        verdict: 'misattributed',
        speaker: 'Vladimir Putin',
        matched: 'I will be ready for a meeting if he wants it',
        paragraphs: [6],
        differences: [{ kind: 'changed', source: 'ready', message: 'prepared' }],
      }),
    ]);
    expect(lines[1].quotes.map((one: { verdict: string }) => one.verdict)).toEqual(['verbatim', 'not-found']);
    expect(lines[1].quotes[1]).toMatchObject({ speaker: null, quote: null, link: null });
    expect(lines[2].error).toMatch(/^line 3: expected a JSON object like \{"text"/);
    expect(code).toBe(2);
  });

  it('lists every quote with its speaker and paragraphs for auditing', async () => {
    const { stdout, code } = await quote(['--list']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/q[0-9a-f]{8} ¶10 +Bob Woodward \[before\]/);
    expect(stdout).toMatch(/q[0-9a-f]{8} ¶1 \(also ¶2\) +Vladimir Putin \[after\]/);
    expect(stdout).toContain(
      'Vladimir Putin (9): Vladimir Putin | Putin | the Russian president | the Kremlin leader',
    );
  });

  it('prints readable text and exits 0 when nothing matches, non-zero on usage errors', async () => {
    const [none, empty, bogus, missing] = await Promise.all([
      quote(['--speaker', 'Puttin']),
      quote([]),
      quote(['--bogus']),
      quote(['--corpus', 'no-such-folder', 'x']),
    ]);
    expect(none.code).toBe(0);
    expect(none.stdout).toContain('Nobody called "Puttin" is quoted in the corpus.');
    expect(none.stdout).toContain('Speakers quoted: Vladimir Putin, Bob Woodward');
    expect([empty.code, bogus.code, missing.code]).toEqual([2, 2, 1]);
    expect(missing.stderr).toContain('cannot read the corpus folder "no-such-folder"');
  });
});
