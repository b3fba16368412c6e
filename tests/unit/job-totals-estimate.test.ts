import { describe, expect, it } from 'vitest';
import { JobTotals } from '../../app/transfer/job/totals';
import { Lookahead, type PlannedItem } from '../../app/transfer/plan/planner';

const source = { kind: 's3' as const, connectionId: 'c', bucket: 'b', key: 'k' };
const item = (id: string, size: number | null): PlannedItem => ({ id, srcIndex: 0, cursor: id, source, relative: id, size });

async function plannedTotals(items: PlannedItem[]): Promise<JobTotals> {
  async function* plan() {
    yield* items;
  }
  const totals = new JobTotals();
  totals.planner = new Lookahead(plan());
  while (!totals.planner.finished) await new Promise((r) => setTimeout(r, 1));
  return totals;
}

describe("a job's byte total while chosen objects have not told their size", () => {
  it('counts the ones still waiting at the average size of those known, and says it is an estimate', async () => {
    const totals = await plannedTotals(['a', 'b', 'c', 'd'].map((id) => item(id, null)));
    expect(totals.bytesEstimate()).toEqual({ bytes: 0, estimated: false });
    totals.learnSize('a', 100);
    totals.learnSize('b', 300);
    expect(totals.bytesTotal()).toBe(400);
    expect(totals.bytesEstimate()).toEqual({ bytes: 800, estimated: true });
  });

  it('counts an item once however many attempts learnt its size, and is exact once all are known', async () => {
    const totals = await plannedTotals([item('a', null), item('b', null), item('listed', 1000)]);
    totals.learnSize('a', 100);
    totals.learnSize('a', 100);
    expect(totals.bytesTotal()).toBe(1100);
    expect(totals.bytesEstimate()).toEqual({ bytes: 1650, estimated: true });
    totals.learnSize('b', 0);
    expect(totals.bytesEstimate()).toEqual({ bytes: 1100, estimated: false });
  });

  it('keeps the unsized count across a new planner (a retry after a listing failed)', async () => {
    const totals = await plannedTotals([item('a', null), item('b', null)]);
    totals.learnSize('a', 50);
    totals.replan();
    totals.planner = null;
    expect(totals.bytesEstimate()).toEqual({ bytes: 100, estimated: true });
  });
});
