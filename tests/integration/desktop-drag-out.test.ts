// Drag-out in the desktop app stages the dragged objects through the real
// transfer engine before the shell hands them to the file manager: on each
// test server, the staged files must be the objects, byte for byte, and the
// staging job must not stay in the user's transfer list.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { JobSnapshot } from '../../app/api/types';
import { DragOutStage } from '../../main/drag-out';
import { CoreUnderTest, createBucket, putObject, servers, uniqueBucket } from './support';

const temp = mkdtempSync(path.join(tmpdir(), 'ferry-drag-test-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe.each(servers().map((s) => [s.kind, s] as const))('drag-out staging on %s', (_kind, s) => {
  const ctx = new CoreUnderTest();
  const stage = new DragOutStage(ctx.core, temp);
  afterAll(() => {
    stage.dispose();
    ctx.dispose();
  });

  it('downloads the dragged objects byte for byte and keeps the job out of the list', async () => {
    const bucket = uniqueBucket('drag');
    await createBucket(s, bucket);
    const small = Buffer.from('a line of text\n');
    const large = randomBytes(1536 * 1024);
    await putObject(s, bucket, 'notes.txt', small);
    await putObject(s, bucket, 'deep/folder/blob.bin', large);
    const connectionId = await ctx.connect(s);

    const result = await stage.prepare({
      sources: [
        { kind: 's3', connectionId, bucket, key: 'notes.txt' },
        { kind: 's3', connectionId, bucket, key: 'deep/folder/blob.bin' },
      ],
      bytes: small.length + large.length,
    });
    expect(result.ok, JSON.stringify(result)).toBe(true);
    const files = result.ok ? result.files : [];
    expect(files.map((f) => path.basename(f)).sort()).toEqual(['blob.bin', 'notes.txt']);
    for (const file of files) {
      expect(file.startsWith(temp + path.sep)).toBe(true);
      expect(readFileSync(file).equals(path.basename(file) === 'notes.txt' ? small : large)).toBe(true);
    }
    await expect.poll(async () => (await ctx.call<JobSnapshot[]>('transfer.list', {})).length).toBe(0);
  });

  it('reports a missing object instead of dragging a partial selection', async () => {
    const bucket = uniqueBucket('drag-missing');
    await createBucket(s, bucket);
    const connectionId = await ctx.connect(s);
    const result = await stage.prepare({ sources: [{ kind: 's3', connectionId, bucket, key: 'not-there.txt' }], bytes: 1 });
    expect(result.ok).toBe(false);
    await expect.poll(async () => (await ctx.call<JobSnapshot[]>('transfer.list', {})).length).toBe(0);
  });
});
