// Starts one PostgreSQL server for the whole run (or uses TEST_DATABASE_URL's), so that the store's
// tests run on PostgreSQL as well as SQLite. Where none can start, those tests are skipped and say why.
import type { TestProject } from 'vitest/node';
import { findPostgresPrograms, startTestPostgres, type TestPostgres } from './server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A PostgreSQL superuser URL, or '' when there is none. */
    postgresUrl: string;
    /** Why there is none. */
    postgresMissing: string;
  }
}

let server: TestPostgres | undefined;

/** With REQUIRE_POSTGRES=1 (CI), a missing server fails the run instead of skipping its tests. */
function unavailable(project: TestProject, why: string): void {
  if (process.env.REQUIRE_POSTGRES === '1') throw new Error(`REQUIRE_POSTGRES=1, but ${why}`);
  project.provide('postgresUrl', '');
  project.provide('postgresMissing', why);
}

export async function setup(project: TestProject): Promise<void> {
  const given = process.env.TEST_DATABASE_URL?.trim();
  if (given) {
    project.provide('postgresUrl', given);
    project.provide('postgresMissing', '');
    return;
  }
  const bin = findPostgresPrograms();
  if (!bin)
    return unavailable(
      project,
      'PostgreSQL is not installed (no initdb on PATH or in /usr/lib/postgresql): install Debian’s postgresql package, as .ci/run does, or set TEST_DATABASE_URL',
    );
  try {
    server = await startTestPostgres(bin);
    project.provide('postgresUrl', server.url);
    project.provide('postgresMissing', '');
  } catch (error) {
    unavailable(project, `PostgreSQL could not start: ${String(error)}`);
  }
}

export async function teardown(): Promise<void> {
  await server?.stop();
}
