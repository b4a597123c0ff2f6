import { spawn } from 'node:child_process';

/** Node flags of every worker: gc() for heap figures, and room for lunr at 10,000 articles. */
const WORKER_FLAGS = ['--expose-gc', '--max-old-space-size=8192', '--import', 'tsx'];

/**
 * Runs `script` in a fresh Node process (TypeScript through tsx) with the task as its one argument,
 * and resolves with the JSON object on the last line it prints: one measurement's heap, JIT state
 * and caches never distort another's.
 */
export function runJsonWorker<T>(script: string, task: object, label: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...WORKER_FLAGS, script, JSON.stringify(task)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const last = stdout.trim().split('\n').at(-1) ?? '';
      if (code === 0 && last.startsWith('{')) resolve(JSON.parse(last) as T);
      else reject(new Error(`bench: ${label} exited ${code}: ${stderr.trim().slice(-800)}`));
    });
  });
}
