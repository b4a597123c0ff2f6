// A throwaway PostgreSQL server for the tests: initdb into a temporary folder, listening on a free
// port of 127.0.0.1 only. Debian's postgresql package provides the programs (.ci/run installs it).
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { chmod, chown, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../bot/botProcess.js';

export interface TestPostgres {
  /** Connection URL of the server's `postgres` database, as its superuser. */
  readonly url: string;
  stop(): Promise<void>;
}

/** The folder with initdb and postgres: on PATH, or Debian's /usr/lib/postgresql/<version>/bin. */
export function findPostgresPrograms(): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(':'))
    if (dir && existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'postgres'))) return dir;
  const debian = '/usr/lib/postgresql';
  if (!existsSync(debian)) return undefined;
  const versions = readdirSync(debian)
    .filter((name) => /^\d+$/.test(name))
    .sort((a, b) => Number(b) - Number(a));
  for (const version of versions) {
    const bin = join(debian, version, 'bin');
    if (existsSync(join(bin, 'initdb'))) return bin;
  }
  return undefined;
}

/** PostgreSQL refuses to run as root: as root, the server runs as the `postgres` user. */
function runAs(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((entry) => entry.startsWith('postgres:'));
  const [, , uid, gid] = line?.split(':') ?? [];
  if (uid === undefined || gid === undefined)
    throw new Error('running as root, and there is no postgres user to run PostgreSQL as');
  return { uid: Number(uid), gid: Number(gid) };
}

/**
 * Starts the server. Tests run it with fsync off (nothing to keep); a benchmark passes
 * `durable: true` to measure PostgreSQL as it would run in production.
 */
export async function startTestPostgres(
  bin: string,
  options: { durable?: boolean } = {},
): Promise<TestPostgres> {
  const user = runAs();
  const dir = await mkdtemp(join(tmpdir(), 'excerpt-pg-'));
  const data = join(dir, 'data');
  if (user) {
    await chown(dir, user.uid, user.gid);
    await chmod(dir, 0o700);
  }
  const asUser = user ? { uid: user.uid, gid: user.gid } : {};
  execFileSync(
    join(bin, 'initdb'),
    ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync'],
    {
      ...asUser,
      stdio: 'pipe',
    },
  );
  const port = await freePort();
  const server: ChildProcess = spawn(
    join(bin, 'postgres'),
    [
      '-D',
      data,
      '-p',
      String(port),
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      `unix_socket_directories=${dir}`,
      ...(options.durable ? [] : ['-c', 'fsync=off']),
    ],
    { ...asUser, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let log = '';
  server.stderr?.on('data', (chunk: Buffer) => {
    log += chunk.toString();
  });
  const ready = await new Promise<boolean>((resolve) => {
    const deadline = Date.now() + 20_000;
    server.once('exit', () => resolve(false));
    const poll = () => {
      if (log.includes('ready to accept connections')) return resolve(true);
      if (Date.now() > deadline) return resolve(false);
      setTimeout(poll, 50);
    };
    poll();
  });
  const stop = async () => {
    if (server.exitCode === null) {
      const exited = new Promise((resolve) => server.once('exit', resolve));
      server.kill('SIGINT'); // fast shutdown
      await exited;
    }
    await rm(dir, { recursive: true, force: true });
  };
  if (!ready) {
    await stop();
    throw new Error(`PostgreSQL did not start:\n${log.slice(-2000)}`);
  }
  return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, stop };
}
