// Kill and resume, for real: `ferry cp` uploads a 12-part file and is killed
// with SIGKILL half-way; `ferry resume` must then send only the parts the
// server does not already hold. A logging proxy in front of the server counts
// the UploadPart requests after the resume; the content must be identical and
// no multipart upload may be left behind.
import { ListPartsCommand } from '@aws-sdk/client-s3';
import { randomBytes } from 'node:crypto';
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobSnapshot } from '../../app/api/types';
import { transferJournalDir } from '../../app/core/handlers/transfer-handlers';
import { startRequestLog, type RequestLog } from '../../e2e/servers/request-log';
import { createBucket, objectBytes, sdkClient, server, sha256, uniqueBucket } from './support';
import { buildCli, cliEnv, openUploads, runCli, spawnCli, TransferTestCore, waitForJob } from './transfer-support';
import { bytesLost, openUploadCount, recordCell } from './fault-matrix';

const MiB = 1024 * 1024;
const PARTS = 12;
// ListParts is what resuming relies on; s3rver has none (it restarts such an upload from scratch).
const targets = (['minio', 'versitygw'] as const).map((k) => server(k)).filter((s) => s !== undefined);
const logs: RequestLog[] = [];
let cli = '';

beforeAll(async () => {
  cli = await buildCli();
}, 60_000);
afterAll(async () => {
  await Promise.all(logs.map((l) => l.stop()));
});

async function until(check: () => Promise<boolean> | boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe.each(targets.map((s) => [s.label, s] as const))('kill and resume on %s', (_label, s) => {
  it('a SIGKILLed upload resumes and sends only the missing parts', { timeout: 90_000 }, async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'ferry-resume-'));
    const file = path.join(dir, 'video.bin');
    const bytes = randomBytes(PARTS * 5 * MiB - 1000);
    await writeFile(file, bytes);
    const bucket = uniqueBucket('resume');
    await createBucket(s, bucket);
    const log = await startRequestLog(s.endpoint);
    logs.push(log);
    const env = { FERRY_DATA_DIR: path.join(dir, 'data'), ...cliEnv('dst', s, log.endpoint) };

    // Slow enough (10 MiB/s, 2 parts at a time) to be killed half-way.
    const first = spawnCli(cli, ['cp', '--part-size', '5MiB', '--parts', '2', '--bwlimit', '10MiB', file, `dst:${bucket}/in/`], env);
    const okParts = () => log.uploadParts().filter((r) => r.status === 200).length;
    await until(() => okParts() >= 4, 60_000, 'four uploaded parts');
    first.child.kill('SIGKILL');
    const killed = await first.done;
    expect(killed.signal).toBe('SIGKILL');

    // The server holds an unfinished upload with some of the parts.
    const uploads = await openUploads(s, bucket);
    expect(uploads).toHaveLength(1);
    const upload = uploads[0] as { key: string; uploadId: string };
    const listed = await sdkClient(s).send(new ListPartsCommand({ Bucket: bucket, Key: upload.key, UploadId: upload.uploadId }));
    const held = listed.Parts?.length ?? 0;
    expect(held).toBeGreaterThanOrEqual(4);
    expect(held).toBeLessThan(PARTS);

    const since = Date.now();
    const resumed = await runCli(cli, ['resume', '--all', '--json'], env);
    expect(resumed.stderr).not.toContain('failed');
    expect(resumed.code).toBe(0);
    const summary = JSON.parse(resumed.stdout.trim().split('\n').pop() as string) as {
      state: string;
      objects: number;
      bytes: number;
      parts: { uploaded: number; resumed: number };
    };
    expect(summary).toMatchObject({ state: 'done', objects: 1, bytes: bytes.length });
    // Parts the journal and ListParts agree on are kept; the rest (and only the rest) is sent.
    expect(summary.parts.resumed).toBeGreaterThanOrEqual(1);
    expect(summary.parts.resumed).toBeLessThanOrEqual(held);
    expect(summary.parts.uploaded + summary.parts.resumed).toBe(PARTS);
    const sentAfter = log.uploadParts(since).filter((r) => r.status === 200);
    expect(sentAfter).toHaveLength(summary.parts.uploaded);
    expect(sentAfter.length).toBeLessThan(PARTS);
    // Every part sent after the resume belongs to the same upload: it was continued, not restarted.
    expect(new Set(sentAfter.map((r) => r.query.get('uploadId')))).toEqual(new Set([upload.uploadId]));

    const stored = await objectBytes(s, bucket, 'in/video.bin');
    expect(sha256(stored)).toBe(sha256(bytes));
    expect(await openUploads(s, bucket)).toEqual([]);
    recordCell({
      operation: 'upload',
      fault: 'kill -9',
      server: s.label,
      outcome: 'resumable',
      bytesLost: bytesLost(bytes, stored),
      orphanedUploads: await openUploadCount(s, bucket),
      partialFiles: bytesLost(bytes, stored) > 0 ? 1 : 0,
      test: 'transfer-resume.test.ts',
    });
    // A finished job leaves nothing in the journal.
    const jobs = await runCli(cli, ['jobs'], env);
    expect(jobs.stdout.trim()).toBe('no journalled jobs');
  });
});

describe.each(targets.slice(0, 1).map((s) => [s.label, s] as const))('the app restarting on %s', (_label, s) => {
  it('shows the job paused where it stopped, asks for the connection, and sends only what is missing', { timeout: 90_000 }, async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'ferry-restart-'));
    const file = path.join(dir, 'film.bin');
    const bytes = randomBytes(PARTS * 5 * MiB - 7);
    await writeFile(file, bytes);
    const bucket = uniqueBucket('restart');
    await createBucket(s, bucket);
    const log = await startRequestLog(s.endpoint);
    logs.push(log);

    const tuning = { partSize: 5 * MiB, partsInFlight: 2, bandwidthBytesPerSecond: 10 * MiB };
    const first = new TransferTestCore(tuning);
    const job = await first.call<JobSnapshot>('transfer.start', {
      sources: [{ kind: 'local', path: file }],
      destination: { kind: 's3', connectionId: await first.connect(s, log.endpoint), bucket, prefix: '' },
      conflict: 'overwrite',
    });
    await until(() => log.uploadParts().filter((r) => r.status === 200).length >= 4, 60_000, 'four uploaded parts');
    // What a kill leaves on disk is the journal as it is now: copy it, then stop the first core where it stands.
    const second = path.join(dir, 'restarted');
    await cp(transferJournalDir(first.userDataDir), transferJournalDir(second), { recursive: true });
    await first.call('transfer.pause', { jobId: job.id });
    first.dispose();
    const journal = await readFile(path.join(transferJournalDir(second), `${job.id}.jsonl`), 'utf8');
    const journalled = journal.split('\n').filter((l) => l.includes('"t":"part"')).length;

    const app = new TransferTestCore({ partSize: 8 * MiB }, second);
    try {
      const [restored] = await app.call<JobSnapshot[]>('transfer.list', {});
      expect(restored).toMatchObject({ id: job.id, state: 'paused', label: `film.bin → ${bucket}/` });
      // This session does not know the connection yet: resuming asks for it.
      const asked = await app.call<JobSnapshot>('transfer.resume', { jobId: job.id });
      const waiting = asked.state === 'waiting' ? asked : await waitForJob(app, job.id, (j) => j.state === 'waiting');
      expect(waiting.question).toMatchObject({ kind: 'credentials' });
      expect(waiting.question?.message).toContain(s.label);

      await app.connect(s, log.endpoint);
      const since = Date.now();
      await app.call('transfer.resume', { jobId: job.id });
      const done = await waitForJob(app, job.id, (j) => j.state === 'done' || j.state === 'failed');
      expect(done).toMatchObject({ state: 'done', itemsDone: 1, bytesDone: bytes.length });
      // The parts the journal vouches for were kept; every other part was sent once, into the same upload.
      const sent = log.uploadParts(since).filter((r) => r.status === 200);
      expect(journalled).toBeGreaterThanOrEqual(1);
      expect(sent).toHaveLength(PARTS - journalled);
      expect(new Set(sent.map((r) => r.query.get('uploadId'))).size).toBe(1);
      expect(sha256(await objectBytes(s, bucket, 'film.bin'))).toBe(sha256(bytes));
      expect(await openUploads(s, bucket)).toEqual([]);
    } finally {
      app.dispose();
    }
  });
});
