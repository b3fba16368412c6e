// Links to folders in a walked folder, on the local disk: the planner of a
// job and one side of a sync compare follow them, stop where a link leads
// back into the walk, resume inside a linked folder, and keep out of what
// --root refuses; a move follows none.
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { planSources, type PlannedItem, type PlannerDeps } from '../../app/transfer/plan/planner';
import { listSide, type ListDeps } from '../../app/sync/side-listing';

async function collect<T>(gen: AsyncGenerator<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of gen) out.push(x);
  return out;
}

/** pics/ with a folder linked from outside, a link to its own parent, and two folders linked to each other. */
async function tree(): Promise<{ pics: string; outside: string }> {
  const root = await mkdtemp(path.join(tmpdir(), 'ferry-links-unit-'));
  const pics = path.join(root, 'pics');
  const outside = path.join(root, 'outside');
  for (const d of ['pics/a', 'pics/b', 'outside/deep']) await mkdir(path.join(root, d), { recursive: true });
  for (const f of ['pics/a/1.jpg', 'pics/b/2.jpg', 'pics/z.txt', 'outside/o.jpg', 'outside/deep/d.jpg']) {
    await writeFile(path.join(root, f), f);
  }
  await symlink('../outside', path.join(pics, 'm-linked'));
  await symlink('..', path.join(pics, 'a', 'up'));
  await symlink('../b', path.join(pics, 'a', 'to-b'));
  await symlink('../a', path.join(pics, 'b', 'to-a'));
  return { pics, outside };
}

const deps = (extra: Partial<PlannerDeps> = {}) => ({ signal: new AbortController().signal, ...extra }) as unknown as PlannerDeps;
const cursors = (items: PlannedItem[]) => items.map((i) => `${i.cursor}${i.size === null ? ' (refused at run)' : ''}`);

describe('a job over a folder with links to folders', () => {
  it('follows each link once, and hands over a link that leads back into the walk as an item its run refuses', async () => {
    const { pics } = await tree();
    const all = await collect(planSources([{ kind: 'local', path: pics }], deps(), undefined));
    expect(cursors(all)).toEqual([
      'a/1.jpg',
      'a/to-b/2.jpg',
      'a/to-b/to-a (refused at run)',
      'a/up (refused at run)',
      'b/2.jpg',
      'b/to-a/1.jpg',
      'b/to-a/to-b (refused at run)',
      'b/to-a/up (refused at run)',
      'm-linked/deep/d.jpg',
      'm-linked/o.jpg',
      'z.txt',
    ]);
    expect(all.find((i) => i.cursor === 'm-linked/o.jpg')?.source).toEqual({ kind: 'local', path: path.join(pics, 'm-linked', 'o.jpg') });
  });

  it('resumes inside a linked folder, and after one', async () => {
    const { pics } = await tree();
    const inside = await collect(planSources([{ kind: 'local', path: pics }], deps(), { srcIndex: 0, cursor: 'm-linked/deep/d.jpg' }));
    expect(cursors(inside)).toEqual(['m-linked/o.jpg', 'z.txt']);
    const after = await collect(planSources([{ kind: 'local', path: pics }], deps(), { srcIndex: 0, cursor: 'b/to-a/up' }));
    expect(cursors(after)).toEqual(['m-linked/deep/d.jpg', 'm-linked/o.jpg', 'z.txt']);
  });

  it('follows none in a move, and none that leads where --root refuses', async () => {
    const { pics, outside } = await tree();
    const moving = await collect(planSources([{ kind: 'local', path: pics }], deps({ moving: true }), undefined));
    expect(cursors(moving)).toEqual([
      'a/1.jpg',
      'a/to-b (refused at run)',
      'a/up (refused at run)',
      'b/2.jpg',
      'b/to-a (refused at run)',
      'm-linked (refused at run)',
      'z.txt',
    ]);
    const confine = async (p: string) => {
      if (p.startsWith(outside)) throw new Error('outside the roots');
    };
    const rooted = await collect(planSources([{ kind: 'local', path: pics }], deps({ confine }), undefined));
    expect(cursors(rooted).filter((c) => c.startsWith('m-linked'))).toEqual(['m-linked (refused at run)']);
  });
});

describe('one side of a sync compare over a folder with links to folders', () => {
  const listDeps = (extra: Partial<ListDeps> = {}) => ({ signal: new AbortController().signal, ...extra }) as unknown as ListDeps;
  const keys = async (gen: AsyncGenerator<{ key: string }[]>) => (await collect(gen)).flat().map((e) => e.key);

  it('lists a linked folder as a folder, in S3 order, and leaves out a link that leads back into the walk', async () => {
    const { pics, outside } = await tree();
    const listed = await keys(listSide(listDeps(), { kind: 'local', path: pics }, 'left'));
    expect(listed).toEqual(['a/1.jpg', 'a/to-b/2.jpg', 'b/2.jpg', 'b/to-a/1.jpg', 'm-linked/deep/d.jpg', 'm-linked/o.jpg', 'z.txt']);
    const confine = async (p: string) => {
      if (p.startsWith(outside)) throw new Error('outside the roots');
    };
    const rooted = await keys(listSide(listDeps({ confine }), { kind: 'local', path: pics }, 'left'));
    expect(rooted).toEqual(['a/1.jpg', 'a/to-b/2.jpg', 'b/2.jpg', 'b/to-a/1.jpg', 'z.txt']);
  });

  it('names what it leaves out (a link to nothing, a pipe, a link back up, a link out of --root), past the resume point and through the filter', async () => {
    const { pics, outside } = await tree();
    await symlink('nowhere.jpg', path.join(pics, 'b', 'broken.jpg'));
    execFileSync('mkfifo', [path.join(pics, 'y-pipe')]);
    const seen = async (extra: Partial<ListDeps>, opts: { startAfter?: string; filter?: (key: string) => boolean } = {}) => {
      const out: [string, string][] = [];
      const leftOut = (file: string, reason: string) => void out.push([path.relative(pics, file), reason]);
      await keys(listSide(listDeps({ leftOut, ...extra }), { kind: 'local', path: pics }, 'left', opts));
      return out.sort((x, y) => (x[0] < y[0] ? -1 : 1));
    };
    const loop = (link: string, to: string) => [
      link,
      `A link back to ${path.join(pics, to)}, a folder it is already inside: following it would never end, so Ferry does not.`,
    ];
    expect(await seen({})).toEqual([
      // The broken link is met twice: in b/, and in a/to-b/ (b/ through the link).
      ['a/to-b/broken.jpg', `A link to ${path.join(pics, 'a', 'to-b', 'nowhere.jpg')}, which does not exist: there is nothing to send.`],
      loop('a/to-b/to-a', 'a'),
      loop('a/up', ''),
      ['b/broken.jpg', `A link to ${path.join(pics, 'b', 'nowhere.jpg')}, which does not exist: there is nothing to send.`],
      loop('b/to-a/to-b', 'b'),
      loop('b/to-a/up', ''),
      ['y-pipe', 'A named pipe (FIFO), not a file: only files are sent.'],
    ]);
    const confine = async (p: string) => {
      if (p.startsWith(outside)) throw new Error('outside the roots');
    };
    expect((await seen({ confine }, { startAfter: 'b/to-a/up' })).map(([f, why]) => `${f}: ${why}`)).toEqual([
      'm-linked: A link to a folder outside the folders this Ferry may use (--root): not read.',
      'y-pipe: A named pipe (FIFO), not a file: only files are sent.',
    ]);
    expect((await seen({}, { filter: (key) => !key.endsWith('pipe') && !key.includes('to-') })).map(([f]) => f)).toEqual([
      'a/up',
      'b/broken.jpg',
    ]);
  });
});
