// What a restart reads back from the transfer journal, for the records and
// file handling a mutation run found unpinned: when a job ended and why, the
// downloads' temp files and finished ranges, a compacted journal that
// rebuilds the same job, blank and torn lines, the size at which a journal is
// compacted (4 MiB), which files the folder's listing takes and in what
// order, and the warning that names skipped lines but never their content.
import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { foldJournal, JobJournal, JournalStore, snapshotRecords, type JobHeader, type JournalRecord } from '../../app/transfer/journal';

const header = (id = 'job-r', startedAt = 10): JobHeader => ({
  t: 'job',
  v: 1,
  id,
  mode: 'copy',
  label: 'x',
  sources: [{ kind: 'local', path: '/x' }],
  destination: { kind: 's3', connectionId: 'c', bucket: 'b', prefix: '' },
  conflict: 'ask',
  startedAt,
  connections: {},
});
const counters = {
  done: 1,
  failed: 0,
  skipped: 0,
  bytesDone: 5,
  itemsTotal: 3,
  bytesTotal: 15,
  skippedBytes: 0,
  popped: 1,
  poppedBytes: 5,
};
const lines = (records: JournalRecord[]) => records.map((r) => `${JSON.stringify(r)}\n`).join('');
const store = async (onSkipped: (file: string, s: { line: number; reason: string }[]) => void = () => undefined) =>
  new JournalStore(await mkdtemp(path.join(tmpdir(), 'ferry-journal-r-')), onSkipped);

afterEach(() => vi.restoreAllMocks());

describe('folding records into a job', () => {
  it('a job ends when it is done, failed or cancelled; running again clears the end and the error', () => {
    for (const state of ['done', 'failed', 'cancelled'] as const) {
      const job = foldJournal([header(), { t: 'state', state: 'running', at: 2 }, { t: 'state', state, at: 7 }]);
      expect(job?.state).toBe(state);
      expect(job?.endedAt, state).toBe(7);
    }
    const resumed = foldJournal([
      header(),
      { t: 'state', state: 'failed', at: 7, error: { code: 'network', message: 'gone' } },
      { t: 'state', state: 'running', at: 9 },
    ]);
    expect(resumed?.state).toBe('running');
    expect(resumed?.endedAt).toBeUndefined();
    expect(resumed?.error).toBeUndefined();
    expect(foldJournal([header(), { t: 'state', state: 'failed', at: 7, error: { code: 'network', message: 'gone' } }])?.error).toEqual({
      code: 'network',
      message: 'gone',
    });
    for (const state of ['planning', 'paused', 'waiting'] as const) {
      expect(foldJournal([header(), { t: 'state', state, at: 3 }])?.endedAt, state).toBeUndefined();
    }
  });

  it('downloads: a temp file and its finished ranges; tmp-end forgets both; records of unknown ids change nothing', () => {
    const dl = { id: '0:k', path: '/d/.k.part', etag: '"e"', size: 30, partSize: 10, aligned: true };
    const job = foldJournal([
      header(),
      { t: 'tmp', id: '0:k', path: '/d/.k.part' },
      { t: 'dl', ...dl },
      { t: 'range', id: '0:k', n: 1, md5: 'm1' },
      { t: 'range', id: '0:k', n: 2 },
      { t: 'range', id: 'unknown', n: 1, md5: 'x' },
      { t: 'part', id: 'unknown', n: 1, etag: '"p"', md5: 'p', size: 1 },
      { t: 'tmp', id: '0:gone', path: '/d/.gone.part' },
      { t: 'dl', ...dl, id: '0:gone' },
      { t: 'tmp-end', id: '0:gone' },
      { t: 'mpu', id: '0:u', connectionId: 'c', bucket: 'b', key: 'u', uploadId: 'U', partSize: 5, size: 9 },
      { t: 'mpu-end', id: '0:u' },
      header('another', 99),
    ]);
    expect(job?.header.id).toBe('job-r');
    expect([...(job?.temps ?? [])]).toEqual([['0:k', '/d/.k.part']]);
    expect([...(job?.downloads.keys() ?? [])]).toEqual(['0:k']);
    expect(job?.downloads.get('0:k')).toEqual({
      ...dl,
      ranges: new Map([
        [1, 'm1'],
        [2, ''],
      ]),
    });
    expect(job?.uploads.size).toBe(0);
  });

  it('a compacted journal rebuilds the same job, with only the records it needs', () => {
    const job = foldJournal([
      header(),
      { t: 'state', state: 'failed', at: 50, error: { code: 'network', message: 'gone' } },
      { t: 'conflict', policy: 'overwrite' },
      { t: 'progress', resume: { srcIndex: 0, cursor: 'c' }, beyond: ['0:e'], counters },
      { t: 'mpu', id: '0:u', connectionId: 'c', bucket: 'b', key: 'u', uploadId: 'U', partSize: 5, size: 9 },
      { t: 'part', id: '0:u', n: 1, etag: '"p1"', md5: 'm', size: 5 },
      { t: 'tmp', id: '0:k', path: '/d/.k.part' },
      { t: 'dl', id: '0:k', path: '/d/.k.part', etag: '"e"', size: 30, partSize: 10, aligned: false },
      { t: 'range', id: '0:k', n: 3, md5: 'm3' },
      { t: 'range', id: '0:k', n: 1 },
    ]);
    if (!job) throw new Error('no job');
    const records = snapshotRecords(job);
    expect(foldJournal(records)).toEqual(job);
    expect(records.find((r) => r.t === 'state')).toEqual({
      t: 'state',
      state: 'failed',
      at: 50,
      error: { code: 'network', message: 'gone' },
    });
    expect(records.filter((r) => r.t === 'range')).toEqual([
      { t: 'range', id: '0:k', n: 3, md5: 'm3' },
      { t: 'range', id: '0:k', n: 1 },
    ]);
    expect(records.find((r) => r.t === 'progress')).toEqual({
      t: 'progress',
      resume: { srcIndex: 0, cursor: 'c' },
      beyond: ['0:e'],
      counters,
    });

    // A policy never changed needs no record of its own.
    const plain = foldJournal([header(), { t: 'state', state: 'running', at: 2 }]);
    expect(snapshotRecords(plain as NonNullable<typeof plain>).map((r) => r.t)).toEqual(['job', 'state', 'progress']);
  });
});

describe('the journal file', () => {
  it('blank lines are not torn lines: nothing is reported', async () => {
    const reported: number[] = [];
    const s = await store((_f, skipped) => reported.push(...skipped.map((r) => r.line)));
    await writeFile(s.fileFor('job-r'), `${JSON.stringify(header())}\n\n${JSON.stringify({ t: 'state', state: 'paused', at: 3 })}\n\n`);
    expect((await s.load('job-r'))?.state).toBe('paused');
    expect(reported).toEqual([]);
  });

  it('the default warning names the file and the line numbers with their reasons, never the lines', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const s = new JournalStore(await mkdtemp(path.join(tmpdir(), 'ferry-journal-r-')));
    const file = s.fileFor('job-r');
    await writeFile(
      file,
      `${JSON.stringify(header())}\n{"t":"fail","item":{"id":"secret-key-na\n${JSON.stringify({ t: 'state', state: 'paused', at: 3 })}\n`,
    );
    expect((await s.load('job-r'))?.state).toBe('paused');
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]?.[0]).toBe(`Ferry skipped 1 unreadable record(s) of the transfer journal ${file}: line 2 (torn line)`);
  });

  it('is compacted when it is read back larger than 4 MiB, and left as written below that', async () => {
    const s = await store();
    const progress = { t: 'progress' as const, resume: { srcIndex: 0, cursor: 'k' }, beyond: [] as string[], counters };
    const small = lines([header(), progress, progress]);
    await writeFile(s.fileFor('job-r'), small);
    await s.load('job-r');
    expect(await readFile(s.fileFor('job-r'), 'utf8')).toBe(small);

    const line = `${JSON.stringify(progress)}\n`;
    const big = lines([header()]) + line.repeat(Math.ceil((4 * 1024 * 1024) / line.length) + 1);
    expect(big.length).toBeGreaterThan(4 * 1024 * 1024);
    await writeFile(s.fileFor('job-r'), big);
    const job = await s.load('job-r');
    const after = await readFile(s.fileFor('job-r'), 'utf8');
    expect(after.length).toBeLessThan(4096);
    expect(
      foldJournal(
        after
          .trim()
          .split('\n')
          .map((l) => JSON.parse(l) as JournalRecord),
      ),
    ).toEqual(job);
  });

  it('the folder lists only .jsonl journals, oldest job first; a missing folder or file is nothing', async () => {
    const s = await store();
    await writeFile(s.fileFor('a-newer'), lines([header('a-newer', 300)]));
    await writeFile(s.fileFor('b-older'), lines([header('b-older', 100)]));
    await writeFile(s.fileFor('c-middle'), lines([header('c-middle', 200)]));
    await writeFile(path.join(s.dir, 'stray.jsonl.tmp'), lines([header('stray', 1)]));
    await writeFile(path.join(s.dir, 'notes.txt'), lines([header('notes', 2)]));
    expect((await s.loadAll()).map((j) => j.header.id)).toEqual(['b-older', 'c-middle', 'a-newer']);
    expect(await new JournalStore(path.join(s.dir, 'absent')).loadAll()).toEqual([]);
    expect(await s.load('absent')).toBeNull();
  });

  it('appending to a journal that ends whole adds no blank line; after close nothing more is written; remove deletes it', async () => {
    const s = await store();
    const file = s.fileFor('job-r');
    await writeFile(file, lines([header()]));
    const j = new JobJournal(file);
    await j.appendNow({ t: 'state', state: 'running', at: 2 });
    expect(await readFile(file, 'utf8')).toBe(lines([header(), { t: 'state', state: 'running', at: 2 }]));
    await j.close();
    j.append({ t: 'state', state: 'done', at: 3 });
    await j.flush();
    expect(await readFile(file, 'utf8')).toBe(lines([header(), { t: 'state', state: 'running', at: 2 }]));
    await j.remove();
    await expect(stat(file)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('a batched record reaches the file without a flush (within its flush delay)', async () => {
    const s = await store();
    const j = s.open('job-r');
    j.append(header());
    await vi.waitFor(async () => expect(await readFile(s.fileFor('job-r'), 'utf8').catch(() => '')).toBe(lines([header()])), {
      timeout: 5_000,
      interval: 50,
    });
    await j.close();
  });
});
