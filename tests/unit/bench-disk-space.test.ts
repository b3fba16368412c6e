// The benchmark checks the work directory's free space before a workload
// starts, against the real file system's figures.
import { statfs } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { shortOfSpace } from '../../bench/lib/disk-space';
import { WORKLOADS } from '../../bench/lib/workloads';
import { FULL_SIZES } from '../../bench/lib/options';

describe('bench: free space before a workload', () => {
  it('lets a workload that fits start, and says what is missing when it does not', async () => {
    const dir = tmpdir();
    expect(await shortOfSpace(dir, 1024)).toBeNull();
    const fs = await statfs(dir);
    const free = fs.bavail * fs.bsize;
    const message = await shortOfSpace(dir, free + 1024 ** 4);
    expect(message).toContain(`free under ${dir}`);
    expect(message).toMatch(/needs about [\d.]+ GiB free .* and [\d.]+ GiB are free/);
  });

  it('knows what the large workloads hold at once, remote variants included', () => {
    const need = (id: string) => WORKLOADS.find((w) => w.id === id)?.spaceNeeded?.(FULL_SIZES, 'seed') ?? 0;
    expect(need('W7-big')).toBe(2 * FULL_SIZES.copyBigBytes);
    expect(need('W6-large')).toBe(3 * FULL_SIZES.largeBytes);
    expect(need('W4c')).toBe(3 * FULL_SIZES.largeBytes);
    expect(need('W3')).toBe(2 * FULL_SIZES.largeBytes);
    expect(need('W6r-mix')).toBe(need('W6-mix'));
    expect(need('W6-mix')).toBeGreaterThan(3 * FULL_SIZES.mixMaxBytes);
  });
});
