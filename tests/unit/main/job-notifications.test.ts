// Which ended jobs the desktop shell announces, once each.
import { describe, expect, it } from 'vitest';
import type { JobSnapshot } from '../../../app/api/transfer-types';
import { createJobNotifier, LONG_JOB_MS, noticeFor } from '../../../main/notifications';

const job = (over: Partial<JobSnapshot>): JobSnapshot => ({
  id: 'j1',
  mode: 'copy',
  state: 'running',
  label: 'photos/ → archive/',
  destination: { kind: 'local', path: '/tmp' },
  conflict: 'ask',
  itemsTotal: 3,
  itemsDone: 0,
  itemsFailed: 0,
  itemsSkipped: 0,
  bytesTotal: 0,
  bytesDone: 0,
  bytesPerSecond: 0,
  etaSeconds: null,
  startedAt: 1_000,
  ...over,
});

describe('job notifications', () => {
  it('announces a job that ran 30 s or more when it ends', () => {
    expect(noticeFor(job({ state: 'done', endedAt: 1_000 + LONG_JOB_MS }))).toMatchObject({ title: 'Ferry: Copy finished' });
    expect(noticeFor(job({ state: 'done', endedAt: 1_000 + LONG_JOB_MS - 1 }))).toBeNull();
  });

  it('announces every failure, short or long, with its reason', () => {
    expect(noticeFor(job({ state: 'failed', endedAt: 1_100, error: { code: 'x', message: 'bucket gone' } }))).toMatchObject({
      title: 'Ferry: Copy failed',
      body: 'photos/ → archive/: bucket gone',
    });
    expect(noticeFor(job({ mode: 'move', state: 'done', endedAt: 1_100, itemsFailed: 2 }))).toMatchObject({
      title: 'Ferry: Move failed',
      body: 'photos/ → archive/: 2 items failed',
    });
  });

  it('says nothing of running or cancelled jobs', () => {
    expect(noticeFor(job({ state: 'running' }))).toBeNull();
    expect(noticeFor(job({ state: 'cancelled', endedAt: 1_000 + 10 * LONG_JOB_MS }))).toBeNull();
  });

  it('announces each job once, however many progress events follow', () => {
    const shown: string[] = [];
    const notify = createJobNotifier((n) => shown.push(n.title));
    const failed = job({ state: 'failed', endedAt: 2_000 });
    notify([job({})]);
    notify([failed]);
    notify([failed, job({ id: 'j2', state: 'done', endedAt: 1_000 + LONG_JOB_MS })]);
    notify([failed]);
    expect(shown).toEqual(['Ferry: Copy failed', 'Ferry: Copy finished']);
  });
});
