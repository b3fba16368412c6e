// Links inside a folder a user uploads, on real servers: a link to a folder is
// followed (its files arrive, as the file manager shows them), a link that
// leads back into the folder being walked is named among the job's failures
// instead of walking for ever, and a link to nothing, a named pipe or a
// device is named too: nothing is left out without a word. A move does not
// follow a link to a folder, since deleting what it sent would delete files
// outside the folder the user moved.
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, symlink, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { JobItemSnapshot, JobSnapshot } from '../../app/api/types';
import { createBucket, objectBytes, putObject, sdkClient, servers, uniqueBucket } from './support';
import { allItems, inState, listKeys, runJob, TransferTestCore, waitForJob } from './transfer-support';

const t = new TransferTestCore();
afterAll(() => t.dispose());

/**
 * tree/ holds files, a link to a file outside it, a link to a folder outside it, a link back to its own parent, two folders
 * linked to each other, a link to nothing and a named pipe.
 */
async function linkedTree(): Promise<{ tree: string; elsewhere: string }> {
  const root = await mkdtemp(path.join(tmpdir(), 'ferry-links-'));
  const tree = path.join(root, 'tree');
  const elsewhere = path.join(root, 'elsewhere');
  await mkdir(path.join(elsewhere, 'deep'), { recursive: true });
  await writeFile(path.join(elsewhere, 'e.txt'), 'elsewhere');
  await writeFile(path.join(elsewhere, 'deep', 'd.txt'), 'deep');
  for (const dir of ['real', 'x', 'y']) await mkdir(path.join(tree, dir), { recursive: true });
  await writeFile(path.join(tree, 'a.txt'), 'a');
  await writeFile(path.join(tree, 'real', 'r.txt'), 'r');
  await writeFile(path.join(tree, 'x', 'x.txt'), 'x');
  await writeFile(path.join(tree, 'y', 'y.txt'), 'y');
  await symlink('../elsewhere/e.txt', path.join(tree, 'alink.txt'));
  await symlink('../elsewhere', path.join(tree, 'linked'));
  await symlink('..', path.join(tree, 'real', 'up'));
  await symlink('../y', path.join(tree, 'x', 'to-y'));
  await symlink('../x', path.join(tree, 'y', 'to-x'));
  await symlink('nowhere', path.join(tree, 'dangling'));
  execFileSync('mkfifo', [path.join(tree, 'pipe')]);
  return { tree, elsewhere };
}

function failures(items: JobItemSnapshot[], tree: string): [string, string][] {
  return items
    .filter((i) => i.state === 'failed')
    .map((i) => [path.relative(tree, (i.source as { path: string }).path), i.error?.message ?? ''] as [string, string])
    .sort((a, b) => (a[0] < b[0] ? -1 : 1));
}

describe.each(servers().map((s) => [s.label, s] as const))('links in an uploaded folder (%s)', (_label, s) => {
  /** The linked tree uploaded (copied or moved) into a fresh bucket. */
  async function upload(mode: 'copy' | 'move') {
    const { tree, elsewhere } = await linkedTree();
    const bucket = uniqueBucket(`links-${mode}`);
    await createBucket(s, bucket);
    const id = await t.connect(s);
    const job = await runJob(t, {
      sources: [{ kind: 'local', path: tree }],
      destination: { kind: 's3', connectionId: id, bucket, prefix: '' },
      conflict: 'overwrite',
      mode,
    });
    return { tree, elsewhere, bucket, job };
  }

  it('follows links to folders, and names each link it cannot send instead of leaving it out', async () => {
    const { tree, bucket, job } = await upload('copy');

    expect(await listKeys(sdkClient(s), bucket)).toEqual([
      'tree/a.txt',
      'tree/alink.txt',
      'tree/linked/deep/d.txt',
      'tree/linked/e.txt',
      'tree/real/r.txt',
      'tree/x/to-y/y.txt',
      'tree/x/x.txt',
      'tree/y/to-x/x.txt',
      'tree/y/y.txt',
    ]);
    expect((await objectBytes(s, bucket, 'tree/linked/deep/d.txt')).toString()).toBe('deep');
    expect((await objectBytes(s, bucket, 'tree/alink.txt')).toString()).toBe('elsewhere');
    expect(failures(await allItems(t, job.id), tree)).toEqual([
      ['dangling', `A link to ${path.join(tree, 'nowhere')}, which does not exist: there is nothing to send.`],
      ['pipe', 'A named pipe (FIFO), not a file: only files are sent.'],
      ['real/up', `A link back to ${tree}, a folder it is already inside: following it would never end, so Ferry does not.`],
      [
        'x/to-y/to-x',
        `A link back to ${path.join(tree, 'x')}, a folder it is already inside: following it would never end, so Ferry does not.`,
      ],
      [
        'y/to-x/to-y',
        `A link back to ${path.join(tree, 'y')}, a folder it is already inside: following it would never end, so Ferry does not.`,
      ],
    ]);
    expect(job).toMatchObject({ itemsDone: 9, itemsFailed: 5 });
  });

  it('moves what is in the folder and leaves a linked folder, and the files it points to, where they are', async () => {
    const { tree, elsewhere, bucket, job } = await upload('move');

    const moved = failures(await allItems(t, job.id), tree);
    expect(moved.map(([name]) => name)).toEqual(['dangling', 'linked', 'pipe', 'real/up', 'x/to-y', 'y/to-x']);
    expect(moved.find(([name]) => name === 'linked')?.[1]).toBe(
      `A link to the folder ${elsewhere}: a move does not follow it, as it would delete that folder's files. Copy it instead, or move ${elsewhere} itself.`,
    );
    expect(await listKeys(sdkClient(s), bucket)).toEqual([
      'tree/a.txt',
      'tree/alink.txt',
      'tree/real/r.txt',
      'tree/x/x.txt',
      'tree/y/y.txt',
    ]);
    // The linked folder's files stay; a link to a file is sent as that file, and only the link goes.
    expect(await readFile(path.join(elsewhere, 'deep', 'd.txt'), 'utf8')).toBe('deep');
    expect(await readFile(path.join(elsewhere, 'e.txt'), 'utf8')).toBe('elsewhere');
    expect((await readdir(tree)).sort()).toEqual(['dangling', 'linked', 'pipe', 'real', 'x', 'y']);
  });
});

describe.each(servers().map((s) => [s.label, s] as const))('a file gone between listing and sending (%s)', (_label, s) => {
  it('is named in words, and a link whose file went is named with where it leads', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'ferry-gone-'));
    await writeFile(path.join(dir, 'draft.txt'), 'draft');
    await writeFile(path.join(dir, 'final.txt'), 'final');
    await symlink('final.txt', path.join(dir, 'latest.txt'));
    const bucket = uniqueBucket('gone');
    await createBucket(s, bucket);
    const id = await t.connect(s);
    const destination = { kind: 's3', connectionId: id, bucket, prefix: '' };
    // All three exist at the destination, so the job stops to ask before it reads any file.
    for (const name of ['draft.txt', 'final.txt', 'latest.txt']) await putObject(s, bucket, name, Buffer.from('old'));
    const sources = ['draft.txt', 'latest.txt'].map((name) => ({ kind: 'local', path: path.join(dir, name) }));
    const asking = await t.call<JobSnapshot>('transfer.start', { sources, destination, conflict: 'ask' });
    await waitForJob(t, asking.id, (j) => j.state === 'waiting' && j.question?.kind === 'conflict');
    await unlink(path.join(dir, 'draft.txt'));
    await unlink(path.join(dir, 'final.txt'));
    await t.call('transfer.answer', { jobId: asking.id, decision: 'overwrite', applyToAll: true });
    const done = await waitForJob(t, asking.id, inState('done', 'failed'));
    expect(failures(await allItems(t, done.id), dir)).toEqual([
      ['draft.txt', 'Not there any more: it was moved or deleted after Ferry listed it.'],
      ['latest.txt', `A link to ${path.join(dir, 'final.txt')}, which does not exist: there is nothing to send.`],
    ]);
    expect((await objectBytes(s, bucket, 'draft.txt')).toString()).toBe('old');
  });
});
