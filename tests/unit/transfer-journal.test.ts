// The planner's order and resume point, the item book's bookkeeping, and the
// journal on real files: what a restart reads back is what was written, a
// torn last line (a kill mid-write) loses only that line.
import { appendFile, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ItemBook } from '../../app/transfer/job/item-book';
import { JournalStore, type JobHeader } from '../../app/transfer/journal';
import { planSources, type PlannedItem, type PlannerDeps } from '../../app/transfer/plan/planner';

async function collect(gen: AsyncGenerator<PlannedItem>): Promise<PlannedItem[]> {
  const out: PlannedItem[] = [];
  for await (const item of gen) out.push(item);
  return out;
}

const noS3 = { signal: new AbortController().signal } as unknown as PlannerDeps;

describe('planner over local folders', () => {
  it('walks in path-segment order and resumes just after a cursor, skipping whole folders before it', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'ferry-plan-'));
    const dir = path.join(root, 'pics');
    for (const d of ['a', 'a/deep', 'b']) await mkdir(path.join(dir, d), { recursive: true });
    for (const f of ['a/1.jpg', 'a/deep/2.jpg', 'a.txt', 'b/3.jpg', 'c.txt']) await writeFile(path.join(dir, f), f);
    await mkdir(path.join(dir, 'empty'));

    const all = await collect(planSources([{ kind: 'local', path: dir }], noS3, undefined));
    expect(all.map((i) => i.relative)).toEqual(['pics/a/1.jpg', 'pics/a/deep/2.jpg', 'pics/a.txt', 'pics/b/3.jpg', 'pics/c.txt']);
    expect(all.map((i) => i.id)).toEqual(['0:a/1.jpg', '0:a/deep/2.jpg', '0:a.txt', '0:b/3.jpg', '0:c.txt']);
    expect(all[0]?.size).toBe(7);

    const rest = await collect(planSources([{ kind: 'local', path: dir }], noS3, { srcIndex: 0, cursor: 'a/deep/2.jpg' }));
    expect(rest.map((i) => i.cursor)).toEqual(['a.txt', 'b/3.jpg', 'c.txt']);

    const file = path.join(root, 'single.bin');
    await writeFile(file, 'x');
    const two = await collect(
      planSources(
        [
          { kind: 'local', path: file },
          { kind: 'local', path: dir },
        ],
        noS3,
        { srcIndex: 1, cursor: 'b/3.jpg' },
      ),
    );
    expect(two.map((i) => i.id)).toEqual(['1:c.txt']);
  });
});

describe('item book', () => {
  const planned = (n: number): PlannedItem => ({
    id: `0:k${n}`,
    srcIndex: 0,
    cursor: `k${n}`,
    source: { kind: 's3', connectionId: 'c', bucket: 'b', key: `k${n}` },
    relative: `k${n}`,
    size: 10,
  });

  it('moves the resume point only past a finished run of items, and remembers items finished beyond it', () => {
    const book = new ItemBook();
    const items = [1, 2, 3, 4].map((n) => book.admit(planned(n)));
    for (const i of items) i.state = 'done';
    book.finish('0:k2', items[1] ?? null);
    book.finish('0:k3', items[2] ?? null);
    expect(book.resume).toBeNull();
    expect(book.beyond()).toEqual(['0:k2', '0:k3']);
    book.finish('0:k1', items[0] ?? null);
    expect(book.resume).toEqual({ srcIndex: 0, cursor: 'k3' });
    expect(book.beyond()).toEqual([]);
    expect(book.popped).toBe(3);
    expect(book.poppedBytes).toBe(30);
    // Most recently finished first.
    expect(book.listed(false).map((i) => i.planned.id)).toEqual(['0:k1', '0:k3', '0:k2']);
  });
});

describe('journal', () => {
  const header: JobHeader = {
    t: 'job',
    v: 1,
    id: 'job-1',
    mode: 'copy',
    label: 'x → y/',
    sources: [{ kind: 'local', path: '/x' }],
    destination: { kind: 's3', connectionId: 'c', bucket: 'y', prefix: '' },
    conflict: 'skip',
    startedAt: 1,
    connections: { c: { label: 'L', endpoint: 'http://e', accessKeyId: 'AK' } },
  };

  it('reads back jobs, uploads and parts; survives a torn last line; compacts to the same state', async () => {
    const store = new JournalStore(await mkdtemp(path.join(tmpdir(), 'ferry-journal-')));
    const j = store.open('job-1');
    await j.appendNow(header);
    j.append({ t: 'state', state: 'running', at: 2 });
    j.append({ t: 'mpu', id: '0:x', connectionId: 'c', bucket: 'y', key: 'x', uploadId: 'U1', partSize: 5, size: 12 });
    j.append({ t: 'part', id: '0:x', n: 1, etag: '"e1"', md5: 'm1', size: 5 });
    j.append({ t: 'part', id: '0:x', n: 2, etag: '"e2"', md5: 'm2', size: 5 });
    j.append({
      t: 'fail',
      item: {
        id: '0:z',
        srcIndex: 0,
        cursor: 'z',
        source: { kind: 'local', path: '/x/z' },
        relative: 'z',
        size: 1,
        destinationId: 'z',
        error: { code: 'conflict', message: 'no' },
      },
    });
    j.append({ t: 'conflict', policy: 'overwrite' });
    await j.close();
    await appendFile(store.fileFor('job-1'), '{"t":"part","id":"0:x","n":3,"et');

    const restored = await store.load('job-1');
    expect(restored?.state).toBe('running');
    expect(restored?.conflict).toBe('overwrite');
    expect([...(restored?.uploads.get('0:x')?.parts.keys() ?? [])]).toEqual([1, 2]);
    expect(restored?.failed.get('0:z')?.error?.code).toBe('conflict');

    await store.rewrite(restored as NonNullable<typeof restored>);
    const again = await store.load('job-1');
    expect(again?.uploads.get('0:x')?.uploadId).toBe('U1');
    expect([...(again?.uploads.get('0:x')?.parts.keys() ?? [])]).toEqual([1, 2]);
    expect(again?.conflict).toBe('overwrite');
    expect((await readFile(store.fileFor('job-1'), 'utf8')).endsWith('\n')).toBe(true);
    expect((await store.loadAll()).map((r) => r.header.id)).toEqual(['job-1']);
  });
});
