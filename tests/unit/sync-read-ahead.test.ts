import { describe, expect, it } from 'vitest';
import { readAhead } from '../../app/sync/read-ahead';

async function* numbers(n: number, log: string[], failAt?: number): AsyncGenerator<number> {
  try {
    for (let i = 0; i < n; i++) {
      if (i === failAt) throw new Error(`failed at ${i}`);
      log.push(`made ${i}`);
      yield i;
    }
  } finally {
    log.push('source ended');
  }
}

describe('readAhead', () => {
  it('keeps order and runs ahead by at most its capacity', async () => {
    const log: string[] = [];
    const it = readAhead(numbers(10, log), 3);
    expect((await it.next()).value).toBe(0);
    await new Promise((r) => setTimeout(r, 10));
    // One taken, three waiting, and the source paused on the fifth.
    expect(log.filter((l) => l.startsWith('made')).length).toBeLessThanOrEqual(5);
    const rest: number[] = [];
    for await (const v of it) rest.push(v);
    expect(rest).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('hands on the source failure after the values before it', async () => {
    const got: number[] = [];
    await expect(
      (async () => {
        for await (const v of readAhead(numbers(10, [], 4), 100)) got.push(v);
      })(),
    ).rejects.toThrow('failed at 4');
    expect(got).toEqual([0, 1, 2, 3]);
  });

  it('ends the source when the consumer stops early', async () => {
    const log: string[] = [];
    for await (const v of readAhead(numbers(1000, log), 5)) if (v === 2) break;
    expect(log).toContain('source ended');
    expect(log.filter((l) => l.startsWith('made')).length).toBeLessThan(20);
  });
});
