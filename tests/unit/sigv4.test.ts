// The direct path's own SigV4 signer must write exactly what the SDK's signer
// writes for the same request: any difference is a 403 on every server that
// checks signatures. Random requests of the shapes the direct path sends.
import { SignatureV4 } from '@smithy/signature-v4';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NodeSha256 } from '../../app/s3/direct/prepared/node-sha256';
import { LeanSigner, type SigningCredentials } from '../../app/s3/direct/prepared/sigv4';

function encodeKey(key: string): string {
  return key
    .split('/')
    .map((p) => encodeURIComponent(p).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`))
    .join('/');
}

async function sdkSign(
  region: string,
  creds: SigningCredentials,
  req: { method: string; path: string; query: Record<string, string | string[]>; headers: Record<string, string> },
  at: number,
): Promise<Record<string, string>> {
  const signer = new SignatureV4({
    credentials: creds,
    region,
    service: 's3',
    sha256: NodeSha256,
    uriEscapePath: false,
    applyChecksum: false,
  });
  const signed = await signer.sign({ ...req, protocol: 'http:', hostname: '127.0.0.1', port: 9000, headers: { ...req.headers } } as never, {
    signingDate: new Date(at),
  });
  return (signed as unknown as { headers: Record<string, string> }).headers;
}

const headerValue = fc.string({ unit: 'grapheme-ascii', maxLength: 24 }).filter((v) => !/[\r\n]/.test(v));
const request = fc.record({
  method: fc.constantFrom('GET', 'HEAD', 'PUT', 'POST', 'DELETE'),
  key: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }),
  // "__proto__" is left out: the SDK's signer collects pairs in a plain object, where that name sets the prototype
  // and the pair is silently not signed (Ferry's requests never carry such a name).
  query: fc.dictionary(
    fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 12 }).filter((k) => k !== '__proto__'),
    fc.oneof(fc.string({ maxLength: 16 }), fc.array(fc.string({ maxLength: 6 }), { maxLength: 3 })),
    {
      maxKeys: 4,
    },
  ),
  meta: fc.dictionary(fc.stringMatching(/^[a-z][a-z0-9-]{0,10}$/), headerValue, { maxKeys: 3 }),
  extra: fc.subarray(['content-type', 'content-md5', 'range', 'user-agent', 'connection', 'x-amz-storage-class', 'if-match']),
  token: fc.option(fc.string({ unit: 'grapheme-ascii', minLength: 8, maxLength: 40 }).filter((t) => t.trim() === t && !/ {2}|\t/.test(t))),
  at: fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2035, 0, 1) }),
  region: fc.constantFrom('us-east-1', 'eu-central-1', 'auto', 'ap-southeast-2'),
  payload: fc.constantFrom('UNSIGNED-PAYLOAD', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'),
});

describe('the direct path signer', () => {
  it('writes the same Authorization, date and token headers as the SDK signer', async () => {
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const creds: SigningCredentials = {
          accessKeyId: 'AKIAFERRYTEST',
          secretAccessKey: 'ferry/secret+key',
          ...(r.token ? { sessionToken: r.token } : {}),
        };
        const headers: Record<string, string> = { host: '127.0.0.1:9000', 'x-amz-content-sha256': r.payload };
        for (const [n, v] of Object.entries(r.meta)) headers[`x-amz-meta-${n}`] = v;
        for (const h of r.extra) headers[h] = `${h}  value\tx `;
        const path = `/bucket/${encodeKey(r.key)}`;
        const expected = await sdkSign(r.region, creds, { method: r.method, path, query: r.query, headers }, r.at);
        const ours = { method: r.method, path, query: r.query, headers: { ...headers } };
        new LeanSigner(r.region).sign(ours, creds, r.at);
        expect(ours.headers.authorization).toBe(expected.authorization);
        expect(ours.headers['x-amz-date']).toBe(expected['x-amz-date']);
        expect(ours.headers['x-amz-security-token']).toBe(expected['x-amz-security-token']);
      }),
      { numRuns: 400 },
    );
  });

  it('derives a new signing key when the day or the secret changes', () => {
    const signer = new LeanSigner('us-east-1');
    const at = Date.UTC(2026, 11, 6, 23, 59, 59);
    const sign = (secret: string, ms: number) => {
      const req = {
        method: 'GET',
        path: '/b/k',
        headers: { host: 'h', 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' } as Record<string, string>,
      };
      signer.sign(req, { accessKeyId: 'A', secretAccessKey: secret }, ms);
      return req.headers.authorization;
    };
    const first = sign('s1', at);
    const nextDay = sign('s1', at + 2000);
    expect(nextDay).not.toBe(first);
    expect(nextDay).toContain('/20261207/');
    expect(sign('s1', at)).toBe(first);
    expect(sign('s2', at)).not.toBe(first);
  });
});
