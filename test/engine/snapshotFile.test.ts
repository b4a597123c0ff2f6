import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSnapshotFile } from '../../src/snapshotFile.js';

describe('reading a snapshot file', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'excerpt-snapshot-file-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  // A header line, then a body; the body's checksum is what the snapshot's header records.
  const fileOf = (bodyBytes: number) =>
    Buffer.concat([Buffer.from('{"header":true}\n'), randomBytes(bodyBytes)]);
  const checksumOf = (file: Buffer) =>
    createHash('sha256')
      .update(file.subarray(file.indexOf(0x0a) + 1))
      .digest('hex');

  it.each([
    ['a small file, here', 1_000],
    ['a large file, in a worker thread', 9 << 20],
  ])('gives the bytes and the body checksum of %s', async (_, size) => {
    const written = fileOf(size);
    const path = join(dir, `snapshot-${size}.json`);
    await writeFile(path, written);
    const read = await readSnapshotFile(path);
    expect(read.bytes.equals(written)).toBe(true);
    expect(read.bodyChecksum).toBe(checksumOf(written));
  });

  it('reads the file here when the thread fails, and still rejects with the file’s own errors', async () => {
    const written = fileOf(9 << 20);
    const path = join(dir, 'snapshot-thread-fails.json');
    await writeFile(path, written);
    const read = await readSnapshotFile(path, 'throw new Error("no thread today")');
    expect(read.bytes.equals(written)).toBe(true);
    expect(read.bodyChecksum).toBe(checksumOf(written));
    const silent = await readSnapshotFile(path, 'process.exit(0)');
    expect(silent.bodyChecksum).toBe(checksumOf(written));
  });

  it('rejects with ENOENT when there is no file', async () => {
    await expect(readSnapshotFile(join(dir, 'none.json'))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
