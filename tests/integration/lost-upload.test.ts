// A multipart upload whose id never reached the journal: the server answered
// CreateMultipartUpload, then Ferry died while writing the `mpu` record (a
// torn last line). The journal still holds the intent written before the
// create, so the resumed job must find that upload on the server and abort
// it, not leave its parts billed forever beside the new upload it makes.
import { randomBytes } from 'node:crypto';
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { JobSnapshot } from '../../app/api/types';
import { transferJournalDir } from '../../app/core/handlers/transfer-handlers';
import { createBucket, objectBytes, server, sha256, uniqueBucket } from './support';
import { openUploads, TransferTestCore, waitForJob } from './transfer-support';

const MiB = 1024 * 1024;
const targets = (['minio', 'versitygw'] as const).map((k) => server(k)).filter((s) => s !== undefined);

async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe.each(targets.map((s) => [s.label, s] as const))('an upload id lost from the journal on %s', (_label, s) => {
  it('is found and aborted when the job resumes', { timeout: 90_000 }, async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'ferry-lost-'));
    const file = path.join(dir, 'clip.bin');
    const bytes = randomBytes(4 * 5 * MiB + 17);
    await writeFile(file, bytes);
    const bucket = uniqueBucket('lost');
    await createBucket(s, bucket);

    const first = new TransferTestCore({ partSize: 5 * MiB, partsInFlight: 1, bandwidthBytesPerSecond: 4 * MiB });
    const job = await first.call<JobSnapshot>('transfer.start', {
      sources: [{ kind: 'local', path: file }],
      destination: { kind: 's3', connectionId: await first.connect(s), bucket, prefix: '' },
      conflict: 'overwrite',
    });
    await until(async () => (await openUploads(s, bucket)).length === 1, 'the multipart upload to begin');
    const [lost] = await openUploads(s, bucket);
    // The journal as a death while writing the upload's id leaves it: that line torn, nothing after it.
    const second = path.join(dir, 'restarted');
    await cp(transferJournalDir(first.userDataDir), transferJournalDir(second), { recursive: true });
    await first.call('transfer.pause', { jobId: job.id });
    first.dispose();
    const journal = path.join(transferJournalDir(second), `${job.id}.jsonl`);
    const lines = (await readFile(journal, 'utf8')).split('\n');
    const at = lines.findIndex((l) => l.includes('"t":"mpu"'));
    expect(at).toBeGreaterThan(0);
    expect(lines.slice(0, at).some((l) => l.includes('"t":"mpu-intent"'))).toBe(true);
    await writeFile(journal, [...lines.slice(0, at), (lines[at] as string).slice(0, 40)].join('\n'));

    const app = new TransferTestCore({ partSize: 5 * MiB }, second);
    try {
      await app.connect(s);
      await app.call('transfer.resume', { jobId: job.id });
      const done = await waitForJob(app, job.id, (j) => j.state === 'done' || j.state === 'failed');
      expect(done).toMatchObject({ state: 'done', itemsDone: 1 });
      expect(sha256(await objectBytes(s, bucket, 'clip.bin'))).toBe(sha256(bytes));
      // Neither the upload the torn line forgot nor any other is left open.
      expect(lost).toBeDefined();
      expect(await openUploads(s, bucket)).toEqual([]);
    } finally {
      app.dispose();
    }
  });
});
