import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const REPO = fileURLToPath(new URL('../', import.meta.url));

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

/** Runs `node --import tsx <script> …args` from the repository (as `npm run` would), optionally feeding stdin. */
export function runCli(script: string, args: readonly string[], stdin = ''): Promise<CliRun> {
  return runProcess(process.execPath, ['--import', 'tsx', script, ...args], {
    stdin,
    env: { NO_COLOR: '1' },
  });
}

/** The repository's folder, for running a CLI from elsewhere by absolute path. */
export const REPO_DIR = REPO;
