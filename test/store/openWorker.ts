// Run by the store's tests, several at once: waits for the agreed moment, then opens (creating) the
// same new database (a SQLite path or a PostgreSQL URL), as bot processes starting together do, and
// says whether it could.
import { LibraryStore } from '../../src/store/libraryStore.js';

const [location, at] = process.argv.slice(2);
if (!location || !at)
  throw new Error('usage: openWorker <database path or postgres:// URL> <epoch ms to open at>');
while (Date.now() < Number(at)) {
  // Busy-wait: a timer would let the processes drift apart by milliseconds.
}
try {
  await (
    await LibraryStore.open(location.startsWith('postgres') ? { postgresUrl: location } : location)
  ).close();
  process.stdout.write('opened\n');
} catch (error) {
  process.stdout.write(`failed: ${String(error)}\n`);
}
