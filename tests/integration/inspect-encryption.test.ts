/**
 * Encryption kept by an edit, on a MinIO of its own: a static KMS key
 * (MINIO_KMS_SECRET_KEY) for SSE-S3 and SSE-KMS, and TLS from a self-signed
 * certificate, since MinIO takes SSE-C keys over https only. Ferry's
 * connection trusts that certificate through its CA file.
 */
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { createHash, randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { Agent } from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EditResult, ObjectInspection } from '../../app/api/inspect-types';
import { startTestServers, type RunningServers, type TestServer } from '../../e2e/servers/harness';
import { CoreUnderTest, sha256 } from './support';

const dir = mkdtempSync(path.join(tmpdir(), 'ferry-tls-'));

/** A self-signed certificate for 127.0.0.1, made with the openssl command; null if there is none. */
function selfSigned(): { cert: string; key: string } | null {
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
        '-keyout',
        path.join(dir, 'private.key'),
        '-out',
        path.join(dir, 'public.crt'),
      ],
      { stdio: 'ignore' },
    );
    return { cert: readFileSync(path.join(dir, 'public.crt'), 'utf8'), key: readFileSync(path.join(dir, 'private.key'), 'utf8') };
  } catch {
    return null;
  }
}

const KMS_KEY = 'ferry-key';
let running: RunningServers | undefined;
let srv: TestServer | undefined;
let why = '';

beforeAll(async () => {
  const tls = selfSigned();
  if (!tls) {
    why = 'the openssl command is not available to make a certificate';
    return;
  }
  running = await startTestServers({
    only: ['minio'],
    minio: { tls, env: { MINIO_KMS_SECRET_KEY: `${KMS_KEY}:${randomBytes(32).toString('base64')}` } },
  });
  srv = running.servers[0];
  if (!srv) why = running.skipped[0]?.reason ?? 'MinIO did not start';
}, 60_000);
afterAll(async () => {
  await running?.stop();
});

describe('encryption kept by an edit, on MinIO with a KMS key and TLS', () => {
  const t = new CoreUnderTest();
  const bucket = `ferry-sse-${randomBytes(4).toString('hex')}`;
  let s3: S3Client;
  let connectionId = '';
  const item = (key: string) => ({ kind: 's3', connectionId, bucket, key }) as const;
  const customerKey = randomBytes(32);
  const sseC = {
    SSECustomerAlgorithm: 'AES256',
    SSECustomerKey: customerKey.toString('base64'),
    SSECustomerKeyMD5: createHash('md5').update(customerKey).digest('base64'),
  };

  beforeAll(async () => {
    if (!srv) return;
    const caFile = path.join(dir, 'ca.pem');
    writeFileSync(caFile, srv.ca ?? '');
    s3 = new S3Client({
      endpoint: srv.endpoint,
      region: srv.region,
      credentials: { accessKeyId: srv.accessKeyId, secretAccessKey: srv.secretAccessKey },
      forcePathStyle: true,
      requestHandler: { httpsAgent: new Agent({ ca: srv.ca ?? '' }) },
    });
    connectionId = (
      await t.call<{ id: string }>('connections.add', {
        label: 'MinIO (TLS, KMS)',
        endpoint: srv.endpoint,
        region: srv.region,
        accessKeyId: srv.accessKeyId,
        secretAccessKey: srv.secretAccessKey,
        pathStyle: true,
        caFile,
      })
    ).id;
    // Through Ferry, so its connection's trust of the certificate is exercised from the start.
    await t.call('bucket.create', { connectionId, name: bucket });
  });
  afterAll(() => t.dispose());

  const bytesOf = async (key: string, extra = {}) => {
    const out = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key, ...extra }));
    return Buffer.from(await (out.Body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray());
  };
  const editType = (key: string) =>
    t.call<EditResult>('inspect.edit', { connectionId, bucket, keys: [key], edit: { headers: { contentType: 'text/csv' } } });

  it('SSE-S3: the inspector shows it, and a content-type edit keeps it', async () => {
    await s3.send(
      new PutObjectCommand({ Bucket: bucket, Key: 's3.csv', Body: 'a,b\n', ServerSideEncryption: 'AES256', Metadata: { owner: 'ada' } }),
    );
    const before = await t.call<ObjectInspection>('inspect.object', { item: item('s3.csv') });
    expect(before.encryption).toMatchObject({ state: 'ok', value: { kind: 'SSE-S3', algorithm: 'AES256' } });
    expect((await editType('s3.csv')).items[0]).toMatchObject({ ok: true });
    const after = await t.call<ObjectInspection>('inspect.object', { item: item('s3.csv') });
    expect(after.encryption).toMatchObject({ state: 'ok', value: { kind: 'SSE-S3', algorithm: 'AES256' } });
    expect(after.headers.values.contentType).toBe('text/csv');
    expect(after.metadata).toEqual({ owner: 'ada' });
    expect((await bytesOf('s3.csv')).toString()).toBe('a,b\n');
  });

  it('SSE-KMS: the inspector shows the key id, and an edit keeps the key', async ({ skip }) => {
    if (!srv) return skip(why);
    await s3.send(
      new PutObjectCommand({ Bucket: bucket, Key: 'kms.csv', Body: 'c,d\n', ServerSideEncryption: 'aws:kms', SSEKMSKeyId: KMS_KEY }),
    );
    const before = await t.call<ObjectInspection>('inspect.object', { item: item('kms.csv') });
    expect(before.encryption).toMatchObject({ state: 'ok', value: { kind: 'SSE-KMS', kmsKeyId: expect.stringContaining(KMS_KEY) } });
    expect((await editType('kms.csv')).items[0]).toMatchObject({ ok: true });
    const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: 'kms.csv' }));
    expect(head).toMatchObject({ ServerSideEncryption: 'aws:kms', SSEKMSKeyId: expect.stringContaining(KMS_KEY), ContentType: 'text/csv' });
    const after = await t.call<ObjectInspection>('inspect.object', { item: item('kms.csv') });
    expect(after.encryption).toMatchObject({ state: 'ok', value: { kind: 'SSE-KMS', kmsKeyId: expect.stringContaining(KMS_KEY) } });
    expect((await bytesOf('kms.csv')).toString()).toBe('c,d\n');
  });

  it('SSE-C: the inspector and an edit say the key is needed, and the object stays untouched', async ({ skip }) => {
    if (!srv) return skip(why);
    const body = randomBytes(1000);
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'secret.bin', Body: body, ...sseC }));
    const before = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: 'secret.bin', ...sseC }));
    // Without the key the server shows nothing of it; Ferry says why instead of a bare "HTTP 400".
    const sseCMessage = /encrypted with a customer-provided key \(SSE-C\).*only with that key/;
    expect(await t.core.dispatch('inspect.object', { item: item('secret.bin') })).toMatchObject({
      ok: false,
      error: { code: 'unsupported', message: expect.stringMatching(sseCMessage) },
    });
    const edit = await t.call<EditResult>('inspect.edit', {
      connectionId,
      bucket,
      keys: ['secret.bin'],
      edit: { headers: { contentType: 'text/plain' } },
    });
    expect(edit.items).toEqual([expect.objectContaining({ key: 'secret.bin', ok: false, message: expect.stringMatching(sseCMessage) })]);
    const after = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: 'secret.bin', ...sseC }));
    expect(after.ETag).toBe(before.ETag);
    expect(after.LastModified).toEqual(before.LastModified);
    expect(sha256(await bytesOf('secret.bin', sseC))).toBe(sha256(body));
  });
});
