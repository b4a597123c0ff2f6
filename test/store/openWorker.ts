// Run by libraryStore.test.ts, several at once: waits for the agreed moment, then opens (creating)
// the same new database, as bot workers starting together do, and says whether it could.
import { LibraryStore } from '../../src/store/libraryStore.js';

const [path, at] = process.argv.slice(2);
if (!path || !at) throw new Error('usage: openWorker <database> <epoch ms to open at>');
while (Date.now() < Number(at)) {
  // Busy-wait: a timer would let the processes drift apart by milliseconds.
}
try {
  LibraryStore.open(path).close();
  process.stdout.write('opened\n');
} catch (error) {
  process.stdout.write(`failed: ${String(error)}\n`);
}
