// Skip and keep-both must never overwrite, on every server. Ferry hands the
// check to the server (If-None-Match: *) only where the connection's provider
// is known to honour it: s3rver, like some gateways, takes the header and
// overwrites anyway, and a connection of the catch-all "Other S3-compatible"
// kind looks first (HEAD), whatever the server.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createBucket, objectBytes, sdkClient, servers, uniqueBucket } from './support';
import { listKeys, runJob, TransferTestCore } from './transfer-support';

const t = new TransferTestCore();
afterAll(() => t.dispose());

describe.each(servers().map((s) => [s.label, s] as const))('an upload onto an existing object (%s)', (_label, s) => {
  it('is skipped by skip and kept beside by keep-both, the object left as it was', async () => {
    const bucket = uniqueBucket('no-overwrite');
    await createBucket(s, bucket);
    const id = await t.connect(s);
    const dir = await mkdtemp(path.join(tmpdir(), 'ferry-no-overwrite-'));
    const file = path.join(dir, 'ledger.csv');
    const sources = [{ kind: 'local', path: file }];
    const destination = { kind: 's3', connectionId: id, bucket, prefix: '' };
    await writeFile(file, 'first');
    expect(await runJob(t, { sources, destination, conflict: 'overwrite' })).toMatchObject({ state: 'done', itemsDone: 1 });

    await writeFile(file, 'second');
    expect(await runJob(t, { sources, destination, conflict: 'skip' })).toMatchObject({ state: 'done', itemsSkipped: 1, itemsDone: 0 });
    expect((await objectBytes(s, bucket, 'ledger.csv')).toString()).toBe('first');

    expect(await runJob(t, { sources, destination, conflict: 'keep-both' })).toMatchObject({ state: 'done', itemsDone: 1 });
    expect(await listKeys(sdkClient(s), bucket)).toEqual(['ledger (1).csv', 'ledger.csv']);
    expect((await objectBytes(s, bucket, 'ledger.csv')).toString()).toBe('first');
    expect((await objectBytes(s, bucket, 'ledger (1).csv')).toString()).toBe('second');
  });
});
