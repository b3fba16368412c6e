/**
 * Seeds a bucket with many tiny objects quickly, for scale tests: PUTs signed
 * here (SigV4 with an unsigned payload, one signing key per run) and sent
 * over a pool of keep-alive connections, many in flight. Going through the
 * SDK or `ferry cp` costs far more CPU per object than the server does, and
 * the setup of a 200,000-key test is not what such a test measures. MinIO
 * also takes a tar of many objects in one PUT (its "snowball" auto-extract),
 * which spares it a request per object; other servers get one PUT per
 * object.
 */
import { createHash, createHmac, randomUUID } from 'node:crypto';
import { Pool } from 'undici';
import type { TestServer } from '../../e2e/servers/harness';

const hmac = (key: Buffer | string, text: string) => createHmac('sha256', key).update(text).digest();

/** RFC 3986 encoding of each path segment, as SigV4's canonical URI wants it. */
function encodePath(path: string): string {
  return path
    .split('/')
    .map((s) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`))
    .join('/');
}

/** A ustar archive of small regular files (names under 100 bytes), for one auto-extracting PUT. */
export function tarOf(entries: [string, string][]): Buffer {
  const blocks: Buffer[] = [];
  for (const [name, body] of entries) {
    const data = Buffer.from(body);
    const h = Buffer.alloc(512);
    const field = (at: number, len: number, text: string) => h.write(text.slice(0, len), at, 'ascii');
    const octal = (at: number, len: number, n: number) => field(at, len, `${n.toString(8).padStart(len - 1, '0')}\0`);
    if (Buffer.byteLength(name) >= 100) throw new Error(`tar name too long: ${name}`);
    h.write(name, 0, 'utf8');
    octal(100, 8, 0o644);
    octal(108, 8, 0);
    octal(116, 8, 0);
    octal(124, 12, data.length);
    octal(136, 12, Math.floor(Date.now() / 1000));
    field(148, 8, '        ');
    field(156, 1, '0');
    field(257, 6, 'ustar\0');
    field(263, 2, '00');
    let sum = 0;
    for (const b of h) sum += b;
    field(148, 8, `${sum.toString(8).padStart(6, '0')}\0 `);
    blocks.push(h, data, Buffer.alloc((512 - (data.length % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024));
  return Buffer.concat(blocks);
}

type Put = (key: string, body: string | Buffer, headers?: Record<string, string>) => Promise<void>;

function signedPuts(s: TestServer, bucket: string, pool: Pool): Put {
  const url = new URL(s.endpoint);
  const amzDate = new Date().toISOString().replace(/[-:]|\.\d{3}/g, '');
  const day = amzDate.slice(0, 8);
  const scope = `${day}/${s.region}/s3/aws4_request`;
  const signingKey = hmac(hmac(hmac(hmac(`AWS4${s.secretAccessKey}`, day), s.region), 's3'), 'aws4_request');
  return async (key, body, extra = {}) => {
    const path = encodePath(`/${bucket}/${key}`);
    const headers: Record<string, string> = {
      ...extra,
      host: url.host,
      'x-amz-content-sha256': 'UNSIGNED-PAYLOAD',
      'x-amz-date': amzDate,
    };
    const names = Object.keys(headers)
      .map((h) => h.toLowerCase())
      .sort();
    const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
    const signed = names.join(';');
    const canonical = `PUT\n${path}\n\n${names.map((n) => `${n}:${lower[n]}\n`).join('')}\n${signed}\nUNSIGNED-PAYLOAD`;
    const toSign = `AWS4-HMAC-SHA256\n${amzDate}\n${scope}\n${createHash('sha256').update(canonical).digest('hex')}`;
    const signature = createHmac('sha256', signingKey).update(toSign).digest('hex');
    headers.authorization = `AWS4-HMAC-SHA256 Credential=${s.accessKeyId}/${scope}, SignedHeaders=${signed}, Signature=${signature}`;
    const res = await pool.request({ method: 'PUT', path, headers, body });
    const text = await res.body.text();
    if (res.statusCode >= 300) throw new Error(`PUT ${key}: HTTP ${res.statusCode} ${text.slice(0, 300)}`);
  };
}

async function inParallel<T>(items: Iterable<T>, width: number, each: (item: T) => Promise<void>): Promise<void> {
  const it = items[Symbol.iterator]();
  const worker = async () => {
    for (let next = it.next(); !next.done; next = it.next()) await each(next.value);
  };
  await Promise.all(Array.from({ length: width }, worker));
}

/**
 * PUTs every `[key, body]` into `bucket`: to MinIO as tars of `perTar`
 * objects that it extracts, elsewhere one PUT each, `inFlight` at a time.
 * Throws on the first answer that is not 2xx. Says which way it went.
 */
export async function bulkPut(
  s: TestServer,
  bucket: string,
  objects: [string, string][],
  opts: { inFlight?: number; perTar?: number } = {},
): Promise<'tar' | 'single'> {
  const inFlight = opts.inFlight ?? 64;
  const perTar = opts.perTar ?? 2000;
  const pool = new Pool(new URL(s.endpoint).origin, { connections: inFlight, pipelining: 1 });
  const put = signedPuts(s, bucket, pool);
  try {
    if (s.kind === 'minio') {
      const tars = Array.from({ length: Math.ceil(objects.length / perTar) }, (_, i) => objects.slice(i * perTar, (i + 1) * perTar));
      await inParallel(tars, 4, (group) => put(`seed-${randomUUID()}.tar`, tarOf(group), { 'x-amz-meta-snowball-auto-extract': 'true' }));
      return 'tar';
    }
    await inParallel(objects, inFlight, ([key, body]) => put(key, body));
    return 'single';
  } finally {
    await pool.close();
  }
}
