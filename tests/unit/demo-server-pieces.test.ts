// The pieces of Ferry's demo S3 server (app/demo/server/) on their own: the
// signature check against requests the SDK's own signer signs, the
// aws-chunked decoder fed in arbitrary slices, listing pages against a plain
// model, S3's byte order for keys, and byte ranges.
import { SignatureV4 } from '@smithy/signature-v4';
import fc from 'fast-check';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { escapePath, escapeUri } from '../../app/base/uri-escape';
import { AwsChunkedDecoder } from '../../app/demo/server/aws-chunked';
import { parseRange } from '../../app/demo/server/byte-range';
import { compareKeys } from '../../app/demo/server/key-order';
import { walkKeys } from '../../app/demo/server/list-walk';
import { SignatureCheck } from '../../app/demo/server/sigv4-check';
import { NodeSha256 } from '../../app/s3/direct/prepared/node-sha256';

const keys = { accessKeyId: 'FERRYDEMOTEST', secretAccessKey: 'demo-secret-for-tests' };
const AT = Date.UTC(2026, 11, 6, 12, 0, 0);

/** A request as the SDK signs and sends it: the raw path and query as they go on the wire, and its headers. */
async function sdkSigned(opts: {
  key: string;
  query: Record<string, string>;
  headers?: Record<string, string>;
  secret?: string;
  method?: string;
}) {
  const path = `/bucket/${escapePath(opts.key)}`;
  const signer = new SignatureV4({
    credentials: { accessKeyId: keys.accessKeyId, secretAccessKey: opts.secret ?? keys.secretAccessKey },
    region: 'us-east-1',
    service: 's3',
    sha256: NodeSha256,
    uriEscapePath: false,
    applyChecksum: false,
  });
  const headers = { host: '127.0.0.1:9000', 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD', ...(opts.headers ?? {}) };
  const signed = (await signer.sign(
    { method: opts.method ?? 'GET', protocol: 'http:', hostname: '127.0.0.1', port: 9000, path, query: opts.query, headers } as never,
    { signingDate: new Date(AT) },
  )) as unknown as { headers: Record<string, string> };
  const rawQuery = Object.entries(opts.query)
    .map(([k, v]) => `${escapeUri(k)}=${escapeUri(v)}`)
    .join('&');
  const lower = Object.fromEntries(Object.entries(signed.headers).map(([k, v]) => [k.toLowerCase(), v]));
  return { method: opts.method ?? 'GET', path, rawQuery, headers: lower };
}

const refusal = (fn: () => void) => {
  try {
    fn();
    return 'accepted';
  } catch (err) {
    return (err as { code?: string }).code;
  }
};

describe('the demo server signature check', () => {
  const check = new SignatureCheck(keys, () => AT + 60_000);

  it('accepts what the SDK signs, for any key, query and header values', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }),
        fc.dictionary(fc.stringMatching(/^[a-z][a-z-]{0,8}$/), fc.string({ maxLength: 12 }), { maxKeys: 3 }),
        fc.string({ unit: 'grapheme-ascii', maxLength: 20 }).filter((v) => v.trim() === v && !/ {2}|[\r\n\t]/.test(v)),
        async (key, query, meta) => {
          const r = await sdkSigned({ key, query, headers: { 'x-amz-meta-note': meta } });
          expect(refusal(() => check.verify(r.method, r.path, r.rawQuery, r.headers))).toBe('accepted');
        },
      ),
      { numRuns: 60 },
    );
  });

  it('refuses a wrong secret, a changed path, query or signed header, and an unknown key', async () => {
    const r = await sdkSigned({ key: 'a b/c.txt', query: { prefix: 'x' }, headers: { range: 'bytes=0-9' } });
    expect(refusal(() => check.verify(r.method, r.path, r.rawQuery, r.headers))).toBe('accepted');
    const wrong = await sdkSigned({ key: 'a b/c.txt', query: { prefix: 'x' }, secret: 'guessed' });
    expect(refusal(() => check.verify(wrong.method, wrong.path, wrong.rawQuery, wrong.headers))).toBe('SignatureDoesNotMatch');
    expect(refusal(() => check.verify(r.method, `${r.path}x`, r.rawQuery, r.headers))).toBe('SignatureDoesNotMatch');
    expect(refusal(() => check.verify(r.method, r.path, 'prefix=y', r.headers))).toBe('SignatureDoesNotMatch');
    expect(refusal(() => check.verify('DELETE', r.path, r.rawQuery, r.headers))).toBe('SignatureDoesNotMatch');
    expect(refusal(() => check.verify(r.method, r.path, r.rawQuery, { ...r.headers, range: 'bytes=0-99' }))).toBe('SignatureDoesNotMatch');
    const other = { ...r.headers, authorization: (r.headers.authorization ?? '').replace(keys.accessKeyId, 'SOMEONEELSE') };
    expect(refusal(() => check.verify(r.method, r.path, r.rawQuery, other))).toBe('InvalidAccessKeyId');
    const { authorization: _dropped, ...anonymous } = r.headers;
    void _dropped;
    expect(refusal(() => check.verify(r.method, r.path, r.rawQuery, anonymous))).toBe('AccessDenied');
  });

  it('refuses a request signed more than 15 minutes away, and presigned links', async () => {
    const r = await sdkSigned({ key: 'k', query: {} });
    expect(refusal(() => new SignatureCheck(keys, () => AT + 16 * 60_000).verify(r.method, r.path, r.rawQuery, r.headers))).toBe(
      'RequestTimeTooSkewed',
    );
    expect(refusal(() => check.verify('GET', '/bucket/k', 'X-Amz-Signature=abc&X-Amz-Credential=x', {}))).toBe('AccessDenied');
  });
});

async function decode(pieces: Buffer[]): Promise<Buffer> {
  const out: Buffer[] = [];
  for await (const chunk of Readable.from(pieces).pipe(new AwsChunkedDecoder())) out.push(chunk as Buffer);
  return Buffer.concat(out);
}

/** `body` framed as aws-chunked, in chunks of `size` bytes, with signature extensions and a checksum trailer. */
function frame(body: Buffer, size: number): Buffer {
  const parts: Buffer[] = [];
  for (let i = 0; i < body.length; i += size) {
    const chunk = body.subarray(i, i + size);
    parts.push(Buffer.from(`${chunk.length.toString(16)};chunk-signature=${'a'.repeat(64)}\r\n`), chunk, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`0;chunk-signature=${'b'.repeat(64)}\r\nx-amz-checksum-crc32:AAAAAA==\r\n\r\n`));
  return Buffer.concat(parts);
}

describe('the aws-chunked decoder', () => {
  it('gives back the body however the framed stream is sliced', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 3000 }),
        fc.integer({ min: 1, max: 1000 }),
        fc.array(fc.integer({ min: 1, max: 97 }), { minLength: 1, maxLength: 8 }),
        async (bytes, size, cuts) => {
          const body = Buffer.from(bytes);
          const framed = frame(body, size);
          const pieces: Buffer[] = [];
          for (let at = 0, i = 0; at < framed.length; i++) {
            const n = cuts[i % cuts.length] ?? 1;
            pieces.push(framed.subarray(at, at + n));
            at += n;
          }
          expect((await decode(pieces)).equals(body)).toBe(true);
        },
      ),
      { numRuns: 80 },
    );
  });

  it('refuses a body cut short, a bad chunk header and a chunk without its CRLF', async () => {
    const framed = frame(Buffer.from('hello world'), 4);
    await expect(decode([framed.subarray(0, framed.length - 40)])).rejects.toMatchObject({ code: 'IncompleteBody' });
    await expect(decode([Buffer.from('zz\r\nhello\r\n0\r\n\r\n')])).rejects.toMatchObject({ code: 'IncompleteBody' });
    await expect(decode([Buffer.from('5\r\nhelloXX0\r\n\r\n')])).rejects.toMatchObject({ code: 'IncompleteBody' });
  });
});

/** Everything a listing of `prefix` rolled up at `delimiter` should show, in order. */
function model(sorted: string[], prefix: string, delimiter: string): string[] {
  const out: string[] = [];
  for (const key of sorted) {
    if (!key.startsWith(prefix)) continue;
    const at = delimiter ? key.indexOf(delimiter, prefix.length) : -1;
    const entry = at >= 0 ? key.slice(0, at + delimiter.length) : key;
    if (out[out.length - 1] !== entry) out.push(entry);
  }
  return out;
}

describe('listing pages', () => {
  it('page by page, after each page’s last entry, give exactly the model listing', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.stringMatching(/^[ab/]{1,6}$/), { maxLength: 40 }),
        fc.stringMatching(/^[ab/]{0,2}$/),
        fc.constantFrom('', '/', 'b'),
        fc.integer({ min: 1, max: 7 }),
        (keysIn, prefix, delimiter, maxKeys) => {
          const sorted = [...keysIn].sort(compareKeys);
          const seen: string[] = [];
          let marker = '';
          for (let guard = 0; guard < 100; guard++) {
            const page = walkKeys(sorted, { prefix, delimiter, marker, maxKeys });
            const entries = [...page.keys, ...page.prefixes].sort(compareKeys);
            expect(entries.length).toBeLessThanOrEqual(maxKeys);
            seen.push(...entries);
            if (!page.truncated) break;
            marker = page.last ?? '';
          }
          expect(seen).toEqual(model(sorted, prefix, delimiter));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('key order', () => {
  it('is the order of the keys’ UTF-8 bytes', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'grapheme' }), (a, b) => {
        expect(Math.sign(compareKeys(a, b))).toBe(Math.sign(Buffer.compare(Buffer.from(a), Buffer.from(b))));
      }),
      { numRuns: 500 },
    );
    expect(compareKeys('\u{1F600}', '\uFFFD')).toBeGreaterThan(0);
  });
});

describe('byte ranges', () => {
  it('reads the three forms, clamps the end, ignores what it cannot read, and refuses a start past the end', () => {
    expect(parseRange('bytes=0-9', 100)).toEqual({ start: 0, end: 9 });
    expect(parseRange('bytes=90-', 100)).toEqual({ start: 90, end: 99 });
    expect(parseRange('bytes=-10', 100)).toEqual({ start: 90, end: 99 });
    expect(parseRange('bytes=-500', 100)).toEqual({ start: 0, end: 99 });
    expect(parseRange('bytes=50-5000', 100)).toEqual({ start: 50, end: 99 });
    expect(parseRange('bytes=0-1,5-6', 100)).toBeUndefined();
    expect(parseRange('items=0-1', 100)).toBeUndefined();
    expect(parseRange('bytes=9-3', 100)).toBeUndefined();
    expect(parseRange(undefined, 100)).toBeUndefined();
    expect(() => parseRange('bytes=100-', 100)).toThrow(expect.objectContaining({ code: 'InvalidRange', status: 416 }));
    expect(() => parseRange('bytes=0-0', 0)).toThrow(expect.objectContaining({ code: 'InvalidRange' }));
    expect(() => parseRange('bytes=-0', 100)).toThrow(expect.objectContaining({ code: 'InvalidRange' }));
  });
});
