// "Test connection" against the real servers: each fault that can be made on
// loopback comes back with its own code (and the ones that cannot, such as
// DNS and expired tokens, are covered by the same classifier in unit tests).
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DiagnosticReport } from '../../app/api/types';
import { profileFromDraft } from '../../app/connections/draft';
import { diagnose } from '../../app/diagnostics/diagnose';
import { startTlsFront, type TlsFront } from '../../e2e/servers/forward-proxy';
import { createRestrictedMinioUser, type TestServer } from '../../e2e/servers/harness';
import { createBucket, CoreUnderTest, sdkClient, server, servers, uniqueBucket } from './support';
import { listKeys } from './transfer-support';

let core: CoreUnderTest;
beforeAll(() => {
  core = new CoreUnderTest();
});
afterAll(() => core.dispose());

function draftFor(s: TestServer, change: object = {}) {
  return {
    label: `${s.label} test`,
    providerId: s.kind === 'minio' ? 'minio' : 'other',
    endpoint: s.endpoint,
    region: s.region,
    accessKeyId: s.accessKeyId,
    secretAccessKey: s.secretAccessKey,
    ...change,
  };
}

function test(args: unknown): Promise<DiagnosticReport> {
  return core.call<DiagnosticReport>('connections.test', args);
}

function need(kind: TestServer['kind']): TestServer {
  const s = server(kind);
  if (!s) throw new Error(`${kind} is not running; these diagnostics need it`);
  return s;
}

async function closedPort(): Promise<number> {
  const srv = createNetServer();
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  const { port } = srv.address() as AddressInfo;
  await new Promise<void>((resolve) => srv.close(() => resolve()));
  return port;
}

function failedStep(report: DiagnosticReport) {
  return report.steps.find((s) => s.status === 'failed')?.id;
}

describe('diagnostics below S3', () => {
  it('a malformed endpoint URL is named before anything is sent', async () => {
    const report = await test({ draft: draftFor(need('minio'), { endpoint: 'htp//127.0.0.1 9000' }) });
    expect(report).toMatchObject({ ok: false, code: 'endpoint-malformed' });
    expect(report.message).toContain('is not a URL');
  });

  it('a closed port is "nothing is listening"', async () => {
    const port = await closedPort();
    const report = await test({ draft: draftFor(need('minio'), { endpoint: `http://127.0.0.1:${port}` }) });
    expect(report).toMatchObject({ ok: false, code: 'tcp-refused' });
    expect(failedStep(report)).toBe('tcp');
    expect(report.message).toContain(`127.0.0.1:${port}`);
  });

  it('TLS to a plain-HTTP port says to use http://', async () => {
    const minio = need('minio');
    const report = await test({ draft: draftFor(minio, { endpoint: minio.endpoint.replace('http://', 'https://') }) });
    expect(report).toMatchObject({ ok: false, code: 'tls-plain-http', offer: 'use-http' });
    expect(failedStep(report)).toBe('tls');
  });
});

// A bucket's address pasted as the endpoint: S3 does not refuse it, it answers about the bucket. Ferry says so.
describe('an endpoint with a bucket in its path, on every server', () => {
  it.each(servers().map((s) => [s.label, s] as const))('%s: the test names the path and the endpoint to use', async (_label, s) => {
    const bucket = uniqueBucket('inpath');
    await createBucket(s, bucket);
    for (const [endpoint, path] of [
      [`${s.endpoint}/${bucket}`, `/${bucket}`],
      [`${s.endpoint}/${bucket}/photos/2026`, `/${bucket}/photos/2026`],
      [`${s.endpoint}/no-such-${bucket}`, `/no-such-${bucket}`],
    ] as const) {
      const report = await test({ draft: draftFor(s, { endpoint }) });
      expect(report, endpoint).toMatchObject({ ok: false, code: 'endpoint-malformed' });
      expect(failedStep(report), endpoint).toBe('list-buckets');
      expect(report.message, endpoint).toContain(`The endpoint has a path (${path}), and the server took it for a bucket`);
      expect(report.message, endpoint).toContain(`Use ${s.endpoint} as the endpoint`);
    }
    // Without the path, the same server lists the bucket among its buckets.
    expect(await test({ draft: draftFor(s) })).toMatchObject({ ok: true });
  });
});

describe('diagnostics of credentials, on every server that checks them', () => {
  it.each(servers().map((s) => [s.label, s] as const))('%s: an unknown access key id is "wrong-key-id"', async (_label, s) => {
    const report = await test({ draft: draftFor(s, { accessKeyId: 'FERRYNOSUCHKEY' }) });
    expect(report).toMatchObject({ ok: false, code: 'wrong-key-id' });
    expect(report.message).toContain('FERRYNOSUCHKEY');
    expect(failedStep(report)).toBe('list-buckets');
  });

  // s3rver accepts any signature for its fixed key, so it cannot tell a wrong secret.
  it.each(
    servers()
      .filter((s) => s.kind !== 's3rver')
      .map((s) => [s.label, s] as const),
  )('%s: a wrong secret is "wrong-secret"', async (_label, s) => {
    const report = await test({ draft: draftFor(s, { secretAccessKey: 'definitely-not-the-secret' }) });
    expect(report).toMatchObject({ ok: false, code: 'wrong-secret' });
    expect(JSON.stringify(report)).not.toContain('definitely-not-the-secret');
  });

  it.each(servers().map((s) => [s.label, s] as const))(
    '%s: a clock two hours fast is "clock-skew" with the measured offset',
    async (_label, s) => {
      const { profile } = profileFromDraft({ ...draftFor(s), credentialSource: 'keys' });
      const twoHours = 2 * 3600_000;
      const report = await diagnose({
        profile: { ...profile, id: 'skew' },
        credentials: async () => ({ accessKeyId: s.accessKeyId, secretAccessKey: s.secretAccessKey }),
        systemClockOffset: twoHours,
      });
      expect(report).toMatchObject({ ok: false, code: 'clock-skew' });
      // The server's clock is this machine's; the request claimed two hours later.
      expect(report.clockOffsetMs).toBeGreaterThan(-twoHours - 5_000);
      expect(report.clockOffsetMs).toBeLessThan(-twoHours + 5_000);
      expect(report.message).toMatch(/2\.0 hours ahead of the server's/);
    },
  );

  it('MinIO: a user that may not list buckets gets "list-buckets-denied" and the offer to name a bucket', async () => {
    const minio = need('minio');
    const bucket = uniqueBucket('restricted');
    await createBucket(minio, bucket);
    const user = await createRestrictedMinioUser(minio, bucket, ['s3:GetObject', 's3:PutObject']);
    const report = await test({ draft: draftFor(minio, user) });
    expect(report).toMatchObject({ ok: false, code: 'list-buckets-denied', offer: 'enter-bucket' });
    // Naming the bucket moves the test on to the bucket itself, which this user may not list either.
    const named = await test({ draft: draftFor(minio, user), bucket });
    expect(named.steps.find((s) => s.id === 'list-buckets')?.status).toBe('warning');
    expect(named).toMatchObject({ ok: false, code: 'bucket-denied' });
    expect(named.message).toContain(bucket);
    // Saved with the bucket named, the connection's bucket list shows it instead of failing.
    const saved = await core.call<{ id: string }>('connections.add', { ...draftFor(minio, user), buckets: [bucket] });
    const listing = await core.call<{ entries: { name: string }[] }>('browse.list', {
      location: { kind: 's3', connectionId: saved.id, bucket: '', prefix: '' },
    });
    expect(listing.entries.map((e) => e.name)).toEqual([bucket]);
  });

  it('a bucket that does not exist is "bucket-not-found"', async () => {
    const report = await test({ draft: draftFor(need('minio')), bucket: uniqueBucket('absent') });
    expect(report).toMatchObject({ ok: false, code: 'bucket-not-found' });
  });

  it('a missing secret is named before any request', async () => {
    const report = await test({ draft: draftFor(need('minio'), { secretAccessKey: '' }) });
    expect(report).toMatchObject({ ok: false, code: 'credentials-missing' });
  });
});

describe('a passing test, and what it learns', () => {
  it.each(servers().map((s) => [s.label, s] as const))(
    '%s: every step passes and the probe says what the server does with checksums and conditional writes',
    async (_label, s) => {
      const bucket = uniqueBucket('probe');
      await createBucket(s, bucket);
      const report = await test({ draft: draftFor(s), bucket });
      expect(report).toMatchObject({ ok: true, code: 'ok' });
      expect(report.steps.map((x) => [x.id, x.status])).toEqual([
        ['url', 'ok'],
        ['dns', 'ok'],
        ['tcp', 'ok'],
        ['tls', 'skipped'],
        ['credentials', 'ok'],
        ['list-buckets', 'ok'],
        ['bucket', 'ok'],
        ['checksums', 'ok'],
        ['conditional-writes', 'ok'],
      ]);
      expect(report.probe).toMatchObject({ listBuckets: 'allowed', bucket });
      // s3rver takes If-None-Match and overwrites; the probe leaves nothing behind.
      expect(report.probe?.conditionalWrites).toBe(s.kind === 's3rver' ? 'ignored' : 'honoured');
      expect(await listKeys(sdkClient(s), bucket)).toEqual([]);
      // MinIO and versitygw refuse a wrong checksum; s3rver ignores checksum headers.
      expect(report.probe?.checksums).toBe(s.kind === 's3rver' ? 'ignored' : 'verified');
      expect(Math.abs(report.clockOffsetMs ?? Number.NaN)).toBeLessThan(5_000);
    },
  );
});

describe('TLS with a self-hosted certificate', () => {
  let front: TlsFront;
  let port = 0;
  let caFile = '';

  beforeAll(async () => {
    // TLS in front of the real MinIO, with a certificate for 127.0.0.1 only, made fresh for this run.
    front = await startTlsFront(need('minio').endpoint, 'Ferry test server');
    port = Number(new URL(front.endpoint).port);
    caFile = front.caFile;
  });
  afterAll(() => front.close());

  it('an untrusted certificate is named, with its subject, and the offer to trust a CA file', async () => {
    const report = await test({ draft: draftFor(need('minio'), { endpoint: `https://127.0.0.1:${port}` }) });
    expect(report).toMatchObject({ ok: false, code: 'tls-untrusted', offer: 'trust-ca' });
    expect(report.certificate?.subject).toContain('CN=Ferry test server');
    expect(report.certificate?.error).toBe('DEPTH_ZERO_SELF_SIGNED_CERT');
  });

  it('with the CA file trusted, every step passes over TLS', async () => {
    const report = await test({ draft: draftFor(need('minio'), { endpoint: `https://127.0.0.1:${port}`, caFile }) });
    expect(report).toMatchObject({ ok: true, code: 'ok' });
    expect(report.steps.find((s) => s.id === 'tls')?.status).toBe('ok');
  });

  it('a certificate for another name is "tls-hostname"', async () => {
    const report = await test({ draft: draftFor(need('minio'), { endpoint: `https://localhost:${port}`, caFile }) });
    expect(report).toMatchObject({ ok: false, code: 'tls-hostname' });
  });
});
