// A move whose copy does not check out: Ferry removes what it wrote (exactly
// that version on a versioned bucket, so the previous one is current again)
// and keeps the source. Two ways to a bad copy: s3rver decodes
// x-amz-copy-source like decodeURI, which leaves "%2B" as it is, so a copy of
// "a+b" takes the object "a%2Bb"; and a proxy in front of MinIO that changes
// the ETag in CopyObject's answer (an answer is not signed), as a server that
// stored other bytes would report.
import { GetObjectCommand, ListObjectVersionsCommand, PutBucketVersioningCommand } from '@aws-sdk/client-s3';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../../e2e/servers/harness';
import { createBucket, CoreUnderTest, putObject, sdkClient, server, uniqueBucket } from './support';
import { allItems, listKeys, runJob } from './transfer-support';

const core = new CoreUnderTest();
afterAll(() => core.dispose());

async function text(s: TestServer, bucket: string, key: string, versionId?: string): Promise<string> {
  const out = await sdkClient(s).send(new GetObjectCommand({ Bucket: bucket, Key: key, ...(versionId ? { VersionId: versionId } : {}) }));
  return (await out.Body?.transformToString()) ?? '';
}

async function moveOne(conn: string, from: string, key: string, to: string) {
  const job = await runJob(core, {
    sources: [{ kind: 's3', connectionId: conn, bucket: from, key }],
    destination: { kind: 's3', connectionId: conn, bucket: to, prefix: '' },
    mode: 'move',
    conflict: 'overwrite',
  });
  return { job, item: (await allItems(core, job.id))[0] };
}

/** Passes everything through to `upstream`, but a copy's answer reports an ETag of zeros. */
async function etagForger(upstream: string): Promise<{ endpoint: string; forged: number; stop(): Promise<void> }> {
  const up = new URL(upstream);
  const state = { forged: 0 };
  const proxy: Server = createServer((req, res) => {
    const copy = req.method === 'PUT' && req.headers['x-amz-copy-source'] !== undefined;
    const out = httpRequest({ host: up.hostname, port: up.port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
      if (!copy) {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        return void answer.pipe(res);
      }
      const chunks: Buffer[] = [];
      answer.on('data', (c: Buffer) => chunks.push(c));
      answer.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const forged = body.replace(/(<ETag>(?:&#34;|&quot;|")?)[0-9a-f]{32}/, (_m, head: string) => `${head}${'0'.repeat(32)}`);
        if (forged !== body) state.forged++;
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        res.end(forged);
      });
    });
    out.on('error', () => res.destroy());
    req.pipe(out);
  });
  await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', () => r()));
  return {
    endpoint: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`,
    get forged() {
      return state.forged;
    },
    stop: () =>
      new Promise<void>((r) => {
        proxy.closeAllConnections();
        proxy.close(() => r());
      }),
  };
}

const s3rver = server('s3rver');
describe.runIf(s3rver)('a move that copied the wrong object (s3rver, "+" in the source key, "%2B" beside it)', () => {
  it('removes the copy and keeps the source', async () => {
    const s = s3rver as TestServer;
    const [src, dst] = [uniqueBucket('mvint-src'), uniqueBucket('mvint-dst')];
    await createBucket(s, src);
    await createBucket(s, dst);
    await putObject(s, src, 'x/a+b', Buffer.from('the plus object'));
    await putObject(s, src, 'x/a%2Bb', Buffer.from('the percent object, another size'));
    const conn = await core.connect(s);
    const { job, item } = await moveOne(conn, src, 'x/a+b', dst);
    expect(job).toMatchObject({ itemsFailed: 1, itemsDone: 0 });
    expect(item?.error?.message).toMatch(/Integrity check failed.*Ferry removed what it wrote \(a\+b\); the source is untouched/);
    expect(await listKeys(sdkClient(s), dst)).toEqual([]);
    expect(await text(s, src, 'x/a+b')).toBe('the plus object');
    expect(await text(s, src, 'x/a%2Bb')).toBe('the percent object, another size');
  });
});

const minio = server('minio');
describe.runIf(minio)('a move whose copy reports other bytes (MinIO, versioned destination)', () => {
  it('removes exactly the version it wrote, so the one before is current again, and keeps the source', async () => {
    const s = minio as TestServer;
    const [src, dst] = [uniqueBucket('mvint-src'), uniqueBucket('mvint-dst')];
    await createBucket(s, src);
    await createBucket(s, dst);
    await sdkClient(s).send(new PutBucketVersioningCommand({ Bucket: dst, VersioningConfiguration: { Status: 'Enabled' } }));
    await putObject(s, dst, 'doc.txt', Buffer.from('what was there before'));
    await putObject(s, src, 'doc.txt', Buffer.from('the new document'));
    const forger = await etagForger(s.endpoint);
    try {
      const conn = await core.connect({ ...s, endpoint: forger.endpoint });
      const { job, item } = await moveOne(conn, src, 'doc.txt', dst);
      expect(forger.forged).toBe(1);
      expect(job).toMatchObject({ itemsFailed: 1, itemsDone: 0 });
      expect(item?.error?.message).toMatch(/Integrity check failed.*Ferry removed what it wrote \(version \S+ of doc\.txt\)/);
      const versions = await sdkClient(s).send(new ListObjectVersionsCommand({ Bucket: dst }));
      expect(versions.DeleteMarkers ?? []).toEqual([]);
      expect((versions.Versions ?? []).map((v) => [v.Key, v.IsLatest])).toEqual([['doc.txt', true]]);
      expect(await text(s, dst, 'doc.txt')).toBe('what was there before');
      expect(await text(s, src, 'doc.txt')).toBe('the new document');
    } finally {
      await forger.stop();
    }
  });
});
