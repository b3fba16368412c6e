// Restoring a journal parses every record against its schema: a record that
// does not parse is reported (its line and the field at fault) and skipped
// whole, and the records around it still apply; a header that does not parse
// leaves the job out, reported, rather than restoring half of it.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SkippedRecord } from '../../app/transfer/journal-records';
import { JournalStore, type JobHeader } from '../../app/transfer/journal';

const header: JobHeader = {
  t: 'job',
  v: 1,
  id: 'job-r',
  mode: 'copy',
  label: 'photos → backup',
  sources: [{ kind: 's3-prefix', connectionId: 'c', bucket: 'photos', prefix: '2024/' }],
  destination: { kind: 's3', connectionId: 'd', bucket: 'backup', prefix: '' },
  conflict: 'skip',
  startedAt: 1,
  connections: { c: { label: 'MinIO', endpoint: 'http://127.0.0.1:9000', accessKeyId: 'AKID' } },
};

async function storeWith(lines: unknown[]): Promise<{ store: JournalStore; reports: { file: string; skipped: SkippedRecord[] }[] }> {
  const reports: { file: string; skipped: SkippedRecord[] }[] = [];
  const store = new JournalStore(await mkdtemp(path.join(tmpdir(), 'ferry-journal-')), (file, skipped) => reports.push({ file, skipped }));
  await writeFile(store.fileFor('job-r'), lines.map((l) => `${typeof l === 'string' ? l : JSON.stringify(l)}\n`).join(''));
  return { store, reports };
}

describe('journal records on restore', () => {
  it('skips and reports a record that does not parse, and applies the others', async () => {
    const { store, reports } = await storeWith([
      header,
      { t: 'mpu', id: '0:a', connectionId: 'c', bucket: 'backup', key: 'a', uploadId: 'U1', partSize: 5, size: 12 },
      { t: 'part', id: '0:a', n: 1, etag: '"e1"', md5: 'm1', size: 5 },
      { t: 'part', id: '0:a', n: -2, etag: '"e2"', md5: 'm2', size: 5 },
      { t: 'state', state: 'exploded', at: 3 },
      { t: 'progress', resume: { srcIndex: 0, cursor: 'a' }, beyond: [], counters: { done: 'lots' } },
      { t: 'teleport', id: '0:a' },
      { t: 'state', state: 'paused', at: 4 },
    ]);
    const job = await store.load('job-r');
    expect(job?.state).toBe('paused');
    expect([...(job?.uploads.get('0:a')?.parts.keys() ?? [])]).toEqual([1]);
    expect(job?.resume).toBeNull();
    expect(reports).toHaveLength(1);
    expect(reports[0]?.file).toBe(store.fileFor('job-r'));
    expect(reports[0]?.skipped.map((s) => s.line)).toEqual([4, 5, 6, 7]);
    expect(reports[0]?.skipped[0]?.reason).toMatch(/^n: /);
    expect(reports[0]?.skipped[1]?.reason).toMatch(/^state: /);
    expect(reports[0]?.skipped[2]?.reason).toMatch(/^counters\.done: /);
    expect(reports[0]?.skipped[3]?.reason).toMatch(/^t: /);
  });

  it('leaves out a job whose header does not parse, and says why', async () => {
    const { store, reports } = await storeWith([
      { ...header, destination: { kind: 'ftp', host: 'x' } },
      { t: 'state', state: 'running', at: 2 },
    ]);
    expect(await store.load('job-r')).toBeNull();
    expect(await store.loadAll()).toEqual([]);
    expect(reports[0]?.skipped).toEqual([{ line: 1, reason: expect.stringMatching(/^destination/) }]);
  });

  it('reports nothing for a journal that parses whole', async () => {
    const { store, reports } = await storeWith([header, { t: 'state', state: 'running', at: 2 }, '{"t":"state","sta']);
    expect((await store.load('job-r'))?.state).toBe('running');
    expect(reports).toEqual([]);
  });

  it('keeps what a report says free of the line itself', async () => {
    const { store, reports } = await storeWith([header, { t: 'fail', item: { id: '0:k', secret: 'hunter2', source: 'nope' } }]);
    await store.load('job-r');
    expect(JSON.stringify(reports)).not.toContain('hunter2');
    expect(JSON.stringify(reports)).not.toContain('nope');
  });
});
