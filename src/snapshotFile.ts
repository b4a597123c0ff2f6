import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';

/** A snapshot file's bytes, and the SHA-256 of everything after its first line (its header). */
export interface SnapshotFile {
  readonly bytes: Buffer;
  readonly bodyChecksum: string;
}

// Below this size the file is read and hashed here: a thread costs more than it saves.
const THREAD_FROM_BYTES = 8 << 20;

/**
 * Reads the file and hashes its body. A large one (62 MB at 10,000 articles) is read and hashed in
 * a worker thread, into memory both threads share: the 0.3 s of reading and 0.15 s of hashing then
 * overlap with whatever this thread does meanwhile (`npm run ask` loads its word lists). Rejects
 * with the file system's error (ENOENT when there is no file).
 */
export async function readSnapshotFile(path: string, threadSource = THREAD_SOURCE): Promise<SnapshotFile> {
  // Sized synchronously: the thread starts now, not once this thread is next free.
  if (statSync(path).size < THREAD_FROM_BYTES) return readHere(path);
  return readInThread(path, threadSource);
}

async function readHere(path: string): Promise<SnapshotFile> {
  const bytes = await readFile(path);
  return { bytes, bodyChecksum: bodyChecksum(bytes) };
}

function bodyChecksum(bytes: Buffer): string {
  return createHash('sha256')
    .update(bytes.subarray(bytes.indexOf(0x0a) + 1))
    .digest('hex');
}

type ThreadReply =
  | { readonly shared: SharedArrayBuffer; readonly length: number; readonly bodyChecksum: string }
  | { readonly code: string; readonly message: string };

// Plain CommonJS with Node's own modules only, run from this string: the same in the sources
// (through tsx) and in the bundled command line, which has no file for a worker to load.
const THREAD_SOURCE = `
const { workerData, parentPort } = require('node:worker_threads');
const { openSync, fstatSync, readSync, closeSync } = require('node:fs');
const { createHash } = require('node:crypto');
try {
  const fd = openSync(workerData, 'r');
  try {
    const size = fstatSync(fd).size;
    const shared = new SharedArrayBuffer(size);
    const bytes = Buffer.from(shared);
    let length = 0;
    for (let read = 1; read > 0 && length < size; length += read)
      read = readSync(fd, bytes, length, size - length, length);
    const body = bytes.subarray(bytes.subarray(0, length).indexOf(10) + 1, length);
    parentPort.postMessage({ shared, length, bodyChecksum: createHash('sha256').update(body).digest('hex') });
  } finally {
    closeSync(fd);
  }
} catch (error) {
  parentPort.postMessage({ code: error.code ?? 'EIO', message: String(error.message ?? error) });
}
`;

/**
 * The file read in a worker thread; here instead when the thread itself fails (it could not start,
 * or ended without an answer): the file's own errors are the caller's, a thread's are not, and a
 * snapshot taken for damaged would be rebuilt from scratch (minutes at 10,000 articles).
 */
function readInThread(path: string, source: string): Promise<SnapshotFile> {
  return new Promise((resolve, reject) => {
    let answered = false;
    const fallBack = () => {
      if (answered) return;
      answered = true;
      resolve(readHere(path));
    };
    let worker: Worker;
    try {
      worker = new Worker(source, { eval: true, workerData: path });
    } catch {
      fallBack();
      return;
    }
    worker.once('message', (reply: ThreadReply) => {
      answered = true;
      if ('code' in reply) reject(Object.assign(new Error(reply.message), { code: reply.code }));
      else
        resolve({
          bytes: Buffer.from(reply.shared, 0, reply.length),
          bodyChecksum: reply.bodyChecksum,
        });
      void worker.terminate();
    });
    worker.once('error', fallBack);
    worker.once('exit', fallBack);
  });
}
