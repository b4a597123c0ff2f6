import { cp } from 'node:fs/promises';

/** Copies the bundled `corpus/` into `dir` (without a saved index), for a test that changes it. */
export async function copyBundledCorpus(dir: string): Promise<void> {
  await cp('corpus', dir, { recursive: true, filter: (source) => !source.includes('.index') });
}
