import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const REPO = fileURLToPath(new URL('../', import.meta.url));

const SCRIPTS = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    scripts: Record<string, string>;
  }
).scripts;

/**
 * Node's arguments for running `script` (a path from the repository) exactly as the npm script that
 * runs it does (`npm run ask` runs src/cli/ask.ts through the bundle launcher); through tsx for a
 * file no npm script runs.
 */
export function nodeArgsFor(script: string): string[] {
  const command = Object.values(SCRIPTS).find(
    (line) => line.startsWith('node ') && line.endsWith(` ${script}`),
  );
  return command === undefined ? ['--import', 'tsx', script] : command.split(' ').slice(1);
}

/** How a command-line run ended. */
export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `command …args` from the repository (or `cwd`) and collects its output, optionally feeding stdin. */
export function runProcess(
  command: string,
  args: readonly string[],
  options: { stdin?: string; env?: Readonly<Record<string, string>>; cwd?: string } = {},
): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd ?? REPO, env: { ...process.env, ...options.env } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (data: string) => {
      stdout += data;
    });
    child.stderr.setEncoding('utf8').on('data', (data: string) => {
      stderr += data;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.stdin ?? '');
  });
}

/** Runs `script` from the repository as its npm script does (see nodeArgsFor), optionally feeding stdin. */
export function runCli(script: string, args: readonly string[], stdin = ''): Promise<CliRun> {
  return runProcess(process.execPath, [...nodeArgsFor(script), ...args], {
    stdin,
    env: { NO_COLOR: '1' },
  });
}

/** The repository's folder, for running a CLI from elsewhere by absolute path. */
export const REPO_DIR = REPO;
