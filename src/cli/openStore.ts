import { databaseUrl } from '../config.js';
import { LibraryStore } from '../store/libraryStore.js';

/** The bot's store for the command line: DATABASE_URL's PostgreSQL database, else the SQLite file in `dataDir`. */
export function openBotStore(dataDir: string): Promise<LibraryStore> {
  return LibraryStore.openExisting({ dataDir, postgresUrl: databaseUrl(process.env).databaseUrl });
}
