import { type ChildProcess, spawn } from 'node:child_process';
import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { FakeDiscord } from '../test/fakeDiscord/index.js';
import type { ProbeReading } from './botProbe.js';

const PROBE = new URL('./botProbe.ts', import.meta.url).href;
const MAIN = fileURLToPath(new URL('../src/main.ts', import.meta.url));
const READY_TIMEOUT_MS = 180_000;
const STOP_TIMEOUT_MS = 15_000;

/** The real bot (`src/main.ts`) in its own process, logged into the fake Discord. */
export interface BotProcess {
  readonly pid: number;
  /** Event-loop delay since the last reset, and memory, measured inside the bot. */
  probe(reset: boolean): Promise<ProbeReading>;
  /** Resident set size from /proc (Linux), else from the probe's last reading. */
  rssMB(): Promise<number>;
  /** Error and fatal log lines so far (LOG_LEVEL=warn: warnings are counted too). */
  readonly logs: { errors: string[]; warnings: string[] };
  stop(): Promise<void>;
}

/** Starts the bot on `corpusDir` against the fake and resolves once it has identified. */
export async function startBotProcess(fake: FakeDiscord, corpusDir: string): Promise<BotProcess> {
  // BENCH_CPU_PROF=DIR: the bot writes a V8 CPU profile there when it stops (open it in Chrome's
  // DevTools), to see where the load goes.
  const profile = process.env.BENCH_CPU_PROF
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`]
    : [];
  // BENCH_BOT_FLAGS="--flag …": more Node or V8 flags for the bot (e.g. --trace-gc, or a heap setting
  // to compare: a later flag wins over the start script's).
  const extra = process.env.BENCH_BOT_FLAGS?.split(/\s+/).filter(Boolean) ?? [];
  const args = [...startFlags(), ...profile, ...extra, '--import', 'tsx', '--import', PROBE, MAIN];
  const child = spawn(process.execPath, args, {
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    env: {
      ...process.env,
      DISCORD_TOKEN: fake.token,
      DISCORD_CLIENT_ID: fake.applicationId,
      DISCORD_API_URL: fake.apiUrl,
      CORPUS_DIR: corpusDir,
      // The bench's server is the home server, so its moderators refresh the shared library.
      HOME_GUILD_IDS: fake.guildId,
      DATA_DIR: join(corpusDir, '.bench-data'),
      LOG_LEVEL: 'warn',
      COOLDOWN_USES: '1000000',
      // The driver changes the folder itself and refreshes by command; a watcher would refresh too.
      CORPUS_WATCH: 'false',
    },
  });
  // The bot's clock (its --trace-gc times) starts about now: lines up its events with BENCH_LOAD_LOG's.
  if (process.env.BENCH_LOAD_LOG)
    appendFileSync(process.env.BENCH_LOAD_LOG, `${JSON.stringify({ botSpawnedAt: performance.now() })}\n`);
  const pid = child.pid;
  if (pid === undefined) throw new Error('bench: could not start the bot process');
  const logs = { errors: [] as string[], warnings: [] as string[] };
  collectLogs(child, logs);
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) =>
      reject(new Error(`bench: the bot exited (${code}) before it was ready: ${logs.errors.join(' | ')}`)),
    ),
  );
  exited.catch(() => {});
  try {
    await Promise.race([fake.waitForReady({ timeoutMs: READY_TIMEOUT_MS }), exited]);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  let lastRss = Number.NaN;
  const probe = (reset: boolean) =>
    new Promise<ProbeReading>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('bench: the bot probe did not answer')), 30_000);
      child.once('message', (reading: ProbeReading) => {
        clearTimeout(timer);
        lastRss = reading.rssMB;
        resolve(reading);
      });
      child.send({ type: 'probe', reset });
    });
  return {
    pid,
    probe,
    async rssMB() {
      try {
        const status = readFileSync(`/proc/${pid}/status`, 'utf8');
        const kb = Number(/^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1]);
        if (Number.isFinite(kb)) return kb / 1024;
      } catch {
        // Not Linux: fall back to the probe.
      }
      return (await probe(false).catch(() => undefined))?.rssMB ?? lastRss;
    },
    logs,
    async stop() {
      if (child.exitCode !== null) return;
      const done = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      await done;
      clearTimeout(timer);
    },
  };
}

/** Counts the bot's JSON log lines by level; anything else on stderr counts as an error. */
function collectLogs(child: ChildProcess, logs: { errors: string[]; warnings: string[] }): void {
  if (child.stdout) {
    createInterface({ input: child.stdout }).on('line', (line) => {
      // BENCH_BOT_LOG=FILE: lines that are not the bot's JSON log (--trace-gc's, say) go there instead of counting as errors.
      if (process.env.BENCH_BOT_LOG && !line.startsWith('{')) {
        appendFileSync(process.env.BENCH_BOT_LOG, `${line}\n`);
        return;
      }
      let level = 0;
      let msg = line;
      try {
        const parsed = JSON.parse(line) as { level?: number; msg?: string; err?: { message?: string } };
        level = parsed.level ?? 0;
        msg = `${parsed.msg ?? ''}${parsed.err?.message ? `: ${parsed.err.message}` : ''}`;
      } catch {
        level = 50;
      }
      if (level >= 50) logs.errors.push(msg);
      else if (level >= 40) logs.warnings.push(msg);
    });
  }
  if (child.stderr) {
    createInterface({ input: child.stderr }).on('line', (line) => {
      if (line.trim() !== '') logs.errors.push(line);
    });
  }
}

/**
 * The Node flags `npm start` runs the bot with (package.json's start script, which the Dockerfile
 * repeats), so that the bench measures the bot as it is run: its heap settings change its pauses.
 */
function startFlags(): string[] {
  const packageJson = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    scripts: { start: string };
  };
  const [, ...words] = packageJson.scripts.start.split(' ');
  const flags: string[] = [];
  for (const word of words) {
    if (!word.startsWith('--')) break;
    flags.push(word);
  }
  return flags;
}
