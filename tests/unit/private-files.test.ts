// What Ferry keeps about a user's transfers (journals, job locks, files
// staged from a browser) is readable by that user alone: files 0600,
// folders 0700, whatever the umask.
import { mkdtemp, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { JobLock } from '../../app/cli/job-lock';
import { JournalStore, type JobHeader } from '../../app/transfer/journal';
import { StagingArea } from '../../app/uploads/staging-area';

const mode = async (p: string) => (await stat(p)).mode & 0o777;

describe.skipIf(process.platform === 'win32')('private files', () => {
  it('journals: the folder 0700, a journal 0600, a compacted journal 0600', async () => {
    const dir = path.join(await mkdtemp(path.join(tmpdir(), 'ferry-private-')), 'transfers');
    const store = new JournalStore(dir);
    const header = { t: 'job', id: 'job-1', startedAt: 1 } as unknown as JobHeader;
    const journal = store.open('job-1');
    await journal.appendNow(header);
    expect(await mode(dir)).toBe(0o700);
    expect(await mode(store.fileFor('job-1'))).toBe(0o600);
    const job = await store.load('job-1');
    if (job) await store.rewrite(job);
    expect(await mode(store.fileFor('job-1'))).toBe(0o600);
  });

  it('staged uploads: folders 0700, files 0600', async () => {
    const root = path.join(await mkdtemp(path.join(tmpdir(), 'ferry-private-')), 'uploads');
    const staging = new StagingArea(root);
    const { uploadId } = await staging.begin([{ relativePath: 'a/b.txt', size: 3 }]);
    await staging.receive(uploadId, 0, Readable.from([Buffer.from('abc')]));
    expect(await mode(path.join(root, uploadId))).toBe(0o700);
    expect(await mode(path.join(root, uploadId, 'a'))).toBe(0o700);
    expect(await mode(path.join(root, uploadId, 'a', 'b.txt'))).toBe(0o600);
  });

  it('job locks: the folder 0700, a lock 0600', async () => {
    const dir = path.join(await mkdtemp(path.join(tmpdir(), 'ferry-private-')), 'locks');
    const locks = new JobLock(dir);
    expect(locks.take('job-1')).toBe(true);
    expect(await mode(dir)).toBe(0o700);
    expect(await mode(path.join(dir, 'job-1.lock'))).toBe(0o600);
    locks.release('job-1');
  });
});
