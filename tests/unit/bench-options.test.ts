// The benchmark's command line and statistics: sizes, subsets and budgets as
// typed, and medians and spreads as printed in the table.
import { describe, expect, it } from 'vitest';
import { FULL_SIZES, MiB, parseArgs, parseByteSize, QUICK_SIZES } from '../../bench/lib/options';
import { stats } from '../../bench/lib/report';
import { split } from '../../bench/lib/tools/types';
import { selectWorkloads } from '../../bench/lib/workloads';

describe('bench options', () => {
  it('defaults to the full sizes of benchmarks.md, five runs after one warm-up, both budgets', () => {
    const o = parseArgs([]);
    expect(o.sizes).toEqual(FULL_SIZES);
    expect(o).toMatchObject({ runs: 5, warmups: 1, budgets: ['default', 'tuned'], workloads: [] });
    expect(o.sizes.copyBigBytes).toBeGreaterThan(5 * 1024 * MiB);
  });

  it('takes a subset, quick sizes with overrides, runs and tools', () => {
    const o = parseArgs(['w1', 'W6', '--quick', '--size', 'largeBytes=256MiB', '--runs', '7', '--tools', 'ferry,s5cmd']);
    expect(o.workloads).toEqual(['W1', 'W6']);
    expect(o.sizes).toEqual({ ...QUICK_SIZES, largeBytes: 256 * MiB });
    expect(o).toMatchObject({ runs: 7, tools: ['ferry', 's5cmd'] });
    expect(selectWorkloads(o.workloads).map((w) => w.id)).toEqual(['W1', 'W1-vg', 'W6-small', 'W6-large', 'W6-mix']);
  });

  it('refuses unknown workloads, tools, sizes and options with a clear message', () => {
    expect(() => selectWorkloads(['W10'])).toThrow(/unknown workload W10/);
    expect(selectWorkloads(['W9']).map((w) => w.id)).toEqual(['W9']);
    expect(() => selectWorkloads(['W3R'])).toThrow(/unknown workload W3R/);
    expect(() => parseArgs(['--tools', 'rsync'])).toThrow(/unknown tool rsync/);
    expect(() => parseArgs(['--size', 'hugeBytes=1'])).toThrow(/NAME=VALUE/);
    expect(() => parseArgs(['--fast'])).toThrow(/unknown option --fast/);
    expect(() => parseByteSize('12 parsecs')).toThrow(/not a size/);
  });

  it('has remote variants of W1, W2, W5 and W6, every tool behind the same latency', () => {
    const remote = selectWorkloads(parseArgs(['W1r', 'w2R', 'W5r', 'W6r']).workloads);
    expect(remote.map((w) => w.id)).toEqual(['W1r', 'W2r', 'W5r', 'W6r-small', 'W6r-large', 'W6r-mix']);
    expect(remote.every((w) => w.remote === true)).toBe(true);
    expect(remote[0]?.title(FULL_SIZES)).toBe('upload 10,000 × 4 KiB, 25 ms each way');
    // W1's parts: the upload to MinIO and the same to versitygw, which has no remote variant of its own.
    expect(selectWorkloads(['W1']).map((w) => w.id)).toEqual(['W1', 'W1-vg']);
    expect(selectWorkloads(parseArgs(['w1-vg']).workloads).map((w) => w.id)).toEqual(['W1-vg']);
    expect(parseArgs(['--size', 'remoteLatencyMs=50']).sizes.remoteLatencyMs).toBe(50);
  });

  it('reads sizes in binary units', () => {
    expect(parseByteSize('4096')).toBe(4096);
    expect(parseByteSize('64KiB')).toBe(65536);
    expect(parseByteSize('1.5GiB')).toBe(1.5 * 1024 * MiB);
  });
});

describe('bench figures', () => {
  it('reports the median and half the range as a share of it', () => {
    expect(stats([3, 1, 2, 10, 4])).toEqual({ n: 5, median: 3, min: 1, max: 10, spread_pct: 150 });
    expect(stats([2, 4])?.median).toBe(3);
    expect(stats([])).toBeNull();
  });

  it('splits one budget of requests in flight by the shape of the work', () => {
    const tuned = { inFlight: 16, partBytes: 16 * MiB };
    expect(split(tuned, 'many')).toEqual({ files: 16, parts: 1, partBytes: 16 * MiB });
    expect(split(tuned, 'one')).toEqual({ files: 1, parts: 16, partBytes: 16 * MiB });
    expect(split(tuned, 'mix')).toEqual({ files: 4, parts: 4, partBytes: 16 * MiB });
  });
});
