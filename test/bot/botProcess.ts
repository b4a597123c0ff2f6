import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readdirSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { nodeArgsFor } from '../runCli.js';

// Running the bot's own scripts as the operator would, for the tests that need a real process.

// The bot runs exactly as package.json's start script (the documented production command) says, and
// deploy-commands as its script says (see nodeArgsFor).
export function run(script: string, env: Record<string, string>): ChildProcess {
  // A clean environment: nothing from the developer's shell or .env decides the outcome.
  return spawn(process.execPath, nodeArgsFor(script), {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Processes still running with this environment entry (Linux /proc): what a stop left behind. */
export function processesWith(entry: string): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/environ`, 'latin1').split('\0').includes(entry);
      } catch {
        return false; // gone, or not ours
      }
    })
    .map(Number);
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export async function poll(
  url: string,
  until: (status: number) => boolean,
  timeoutMs = 15_000,
): Promise<Response> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await fetch(url).catch(() => undefined);
    if (response && until(response.status)) return response;
    if (Date.now() > deadline) throw new Error(`${url} never answered as expected`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export async function finish(
  child: ChildProcess,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, stdout, stderr };
}
