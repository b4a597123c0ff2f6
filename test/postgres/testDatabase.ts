import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';

/** Set when the run has a PostgreSQL server; otherwise the reason, for `describe.skipIf`. */
export const postgresUrl = inject('postgresUrl');
export const postgresMissing = inject('postgresMissing');
if (!postgresUrl) console.warn(`Skipping the PostgreSQL tests: ${postgresMissing}`);

/** Runs one statement on the server as its superuser (databases are made and dropped outside them). */
async function onServer(sql: string): Promise<void> {
  const admin = new pg.Client({ connectionString: postgresUrl });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

/** A new, empty database on the run's server: one per test, so that tests never see each other's rows. */
export async function freshDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `excerpt_test_${randomBytes(6).toString('hex')}`;
  await onServer(`CREATE DATABASE ${name}`);
  const url = new URL(postgresUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => onServer(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}
