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

export async function setup(project: TestProject): Promise<void> {
  const given = process.env.TEST_DATABASE_URL?.trim();
  if (given) {
    project.provide('postgresUrl', given);
    project.provide('postgresMissing', '');
    return;
  }
  const bin = findPostgresPrograms();
  if (!bin) {
    project.provide('postgresUrl', '');
    project.provide(
      'postgresMissing',
      'PostgreSQL is not installed (no initdb on PATH or in /usr/lib/postgresql): install Debian’s postgresql package, as .ci/run does, or set TEST_DATABASE_URL',
    );
    return;
  }
  try {
    server = await startTestPostgres(bin);
    project.provide('postgresUrl', server.url);
    project.provide('postgresMissing', '');
  } catch (error) {
    project.provide('postgresUrl', '');
    project.provide('postgresMissing', `PostgreSQL could not start: ${String(error)}`);
  }
}

export async function teardown(): Promise<void> {
  await server?.stop();
}
