import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SharedCooldown } from '../../src/bot/cooldown.js';
import { LibraryStore } from '../../src/store/libraryStore.js';

describe('SharedCooldown', () => {
  it('allows the use, and says why, when the store cannot be reached', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'excerpt-cooldown-down-'));
    try {
      const store = await LibraryStore.open(join(dir, 'excerpt.sqlite'));
      const errors: unknown[] = [];
      const cooldown = new SharedCooldown(store, 1, 30_000, (error) => errors.push(error));
      expect(await cooldown.take('ask:300000000000000001')).toBe(0);
      expect(await cooldown.take('ask:300000000000000001')).toBeGreaterThan(0); // counted while it could
      await store.close(); // the database is gone: every count now fails
      expect(await cooldown.take('ask:300000000000000001')).toBe(0);
      expect(errors).toHaveLength(1);
      expect(String(errors[0])).toMatch(/not open/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
