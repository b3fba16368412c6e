// Copies between buckets of one server move no bytes through Ferry: CopyObject
// for objects up to the CopyObject limit and UploadPartCopy in parallel parts
// above it (the limit shrunk to 5 MiB here). A logging proxy in front of each
// server records every request, so the test proves it from the server's side:
// copies carry x-amz-copy-source, and no object body is read or uploaded.
import { HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { startRequestLog, type RequestLog } from '../../e2e/servers/request-log';
import { createBucket, objectBytes, sdkClient, servers, sha256, uniqueBucket } from './support';
import { allItems, runJob, TransferTestCore } from './transfer-support';

const MiB = 1024 * 1024;
const t = new TransferTestCore({ copyObjectMaxBytes: 5 * MiB, copyPartSize: 5 * MiB, partSize: 5 * MiB });
const logs: RequestLog[] = [];
afterAll(async () => {
  t.dispose();
  await Promise.all(logs.map((l) => l.stop()));
});

describe.each(servers().map((s) => [s.label, s] as const))('same-server copy on %s', (_label, s) => {
  it('copies inside the server: CopyObject for small objects, UploadPartCopy above the limit', { timeout: 60_000 }, async () => {
    const src = uniqueBucket('ssrc');
    const dst = uniqueBucket('sdst');
    await createBucket(s, src);
    await createBucket(s, dst);
    const small = randomBytes(200 * 1024);
    const large = randomBytes(12 * MiB + 3);
    const client = sdkClient(s);
    await client.send(
      new PutObjectCommand({
        Bucket: src,
        Key: 'docs/small report.txt',
        Body: small,
        ContentType: 'text/plain',
        Metadata: { origin: 'same-server' },
      }),
    );
    await client.send(
      new PutObjectCommand({
        Bucket: src,
        Key: 'docs/large.bin',
        Body: large,
        ContentType: 'application/x-large',
        Metadata: { parts: 'three' },
      }),
    );
    await client.send(new PutObjectCommand({ Bucket: src, Key: 'docs/empty', Body: Buffer.alloc(0) }));

    const log = await startRequestLog(s.endpoint);
    logs.push(log);
    // Two connections with the same endpoint and keys count as one account: the server can copy between them.
    const a = await t.connect(s, log.endpoint, `${s.label} A`);
    const b = await t.connect(s, log.endpoint, `${s.label} B`);
    const job = await runJob(t, {
      sources: [{ kind: 's3-prefix', connectionId: a, bucket: src, prefix: 'docs/' }],
      destination: { kind: 's3', connectionId: b, bucket: dst, prefix: 'copied/' },
      conflict: 'overwrite',
    });
    expect(job.error).toBeUndefined();
    expect(job).toMatchObject({ state: 'done', itemsDone: 3, bytesDone: small.length + large.length });

    const methods = Object.fromEntries((await allItems(t, job.id)).map((i) => [i.destinationId, i.method]));
    expect(methods['copied/docs/small report.txt']).toBe('server-copy');
    expect(methods['copied/docs/empty']).toBe('server-copy');
    // Ferry's one-time probe of whether this server's copies keep tags (app/probe/copy-tags.ts) is not a copy of the job's.
    const copies = log.requests.filter(
      (r) => r.method === 'PUT' && r.copySource !== undefined && r.status === 200 && !r.path.includes('/.ferry-probe/'),
    );
    const partCopies = copies.filter((r) => r.query.has('partNumber'));
    if (s.kind === 's3rver') {
      // s3rver answers UploadPartCopy with NotImplemented: the engine tries once, then moves the bytes itself.
      expect(methods['copied/docs/large.bin']).toBe('multipart');
      expect(partCopies).toHaveLength(0);
    } else {
      expect(methods['copied/docs/large.bin']).toBe('server-part-copy');
      // 12 MiB in 5 MiB parts: three UploadPartCopy requests, and no byte went through Ferry.
      expect(partCopies).toHaveLength(3);
      expect(log.uploadParts()).toHaveLength(0);
      expect(log.requests.filter((r) => r.method === 'GET' && !r.query.has('list-type') && r.path.includes('/docs/'))).toHaveLength(0);
    }
    expect(copies.filter((r) => !r.query.has('partNumber'))).toHaveLength(2);

    for (const [key, bytes] of [
      ['docs/small report.txt', small],
      ['docs/large.bin', large],
      ['docs/empty', Buffer.alloc(0)],
    ] as const) {
      expect(sha256(await objectBytes(s, dst, `copied/${key}`)), key).toBe(sha256(bytes));
    }
    const smallHead = await client.send(new HeadObjectCommand({ Bucket: dst, Key: 'copied/docs/small report.txt' }));
    expect(smallHead).toMatchObject({ ContentType: 'text/plain', Metadata: { origin: 'same-server' } });
    const largeHead = await client.send(new HeadObjectCommand({ Bucket: dst, Key: 'copied/docs/large.bin' }));
    expect(largeHead).toMatchObject({ ContentType: 'application/x-large', Metadata: { parts: 'three' } });
  });
});
