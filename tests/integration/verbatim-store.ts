// A small S3 server that keeps every key exactly as the request path carried
// it, as AWS does: "a/../b" and "a//b" stay those keys. None of the real test
// servers can be made to do this (each keeps objects as files), so the tests
// of keys with dot and empty segments use this one where the server keeps
// them. Path-style only; PUT, HEAD, GET, DELETE, ListObjectsV2 by prefix;
// anything else answers 501.
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestServer } from '../../e2e/servers/harness';

export interface VerbatimStore {
  server: TestServer;
  /** Objects by bucket, then by key. */
  objects: Map<string, Map<string, Buffer>>;
  /** Every request as "METHOD /bucket/key-as-sent". */
  requests: string[];
  stop(): Promise<void>;
}

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const md5 = (b: Buffer) => `"${createHash('md5').update(b).digest('hex')}"`;

/** The payload of an aws-chunked body (size;chunk-signature=…\r\n data \r\n … 0\r\n trailers). */
function unchunk(raw: Buffer): Buffer {
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const eol = raw.indexOf('\r\n', at);
    const size = parseInt(raw.subarray(at, eol).toString('latin1').split(';')[0] ?? '0', 16);
    if (!size) return Buffer.concat(parts);
    parts.push(raw.subarray(eol + 2, eol + 2 + size));
    at = eol + 2 + size + 2;
  }
}

async function bodyOf(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const raw = Buffer.concat(chunks);
  return req.headers['x-amz-decoded-content-length'] !== undefined ? unchunk(raw) : raw;
}

function fail(res: ServerResponse, status: number, code: string): void {
  res
    .writeHead(status, { 'content-type': 'application/xml' })
    .end(`<?xml version="1.0"?><Error><Code>${code}</Code><Message>${code}</Message></Error>`);
}

export async function startVerbatimStore(buckets: string[]): Promise<VerbatimStore> {
  const objects = new Map(buckets.map((b) => [b, new Map<string, Buffer>()]));
  const requests: string[] = [];
  const http = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://x');
      // The raw path, not url.pathname: URL would resolve "." and ".." itself.
      const rawPath = (req.url ?? '/').split('?')[0] ?? '/';
      const [, bucket = '', ...rest] = rawPath.split('/');
      const key = decodeURIComponent(rest.join('/'));
      requests.push(`${req.method} /${bucket}/${key}`);
      const body = await bodyOf(req);
      if (!bucket) {
        res.writeHead(200, { 'content-type': 'application/xml' });
        return void res.end(
          `<ListAllMyBucketsResult><Buckets>${buckets.map((b) => `<Bucket><Name>${b}</Name><CreationDate>2026-01-01T00:00:00.000Z</CreationDate></Bucket>`).join('')}</Buckets></ListAllMyBucketsResult>`,
        );
      }
      const store = objects.get(bucket);
      if (!store) return fail(res, 404, 'NoSuchBucket');
      if (rest.length === 0 || (rest.length === 1 && rest[0] === '')) {
        if (req.method === 'HEAD') return void res.writeHead(200).end();
        if (req.method !== 'GET' || url.searchParams.get('list-type') !== '2') return fail(res, 501, 'NotImplemented');
        const prefix = url.searchParams.get('prefix') ?? '';
        const keys = [...store.keys()].filter((k) => k.startsWith(prefix)).sort();
        const contents = keys
          .map((k) => {
            const b = store.get(k) as Buffer;
            return `<Contents><Key>${xml(k)}</Key><LastModified>2026-01-01T00:00:00.000Z</LastModified><ETag>${xml(md5(b))}</ETag><Size>${b.length}</Size></Contents>`;
          })
          .join('');
        res.writeHead(200, { 'content-type': 'application/xml' });
        return void res.end(
          `<ListBucketResult><Name>${bucket}</Name><Prefix>${xml(prefix)}</Prefix><KeyCount>${keys.length}</KeyCount><IsTruncated>false</IsTruncated>${contents}</ListBucketResult>`,
        );
      }
      if (req.method === 'PUT') {
        if (req.headers['x-amz-copy-source'] || url.searchParams.has('uploadId')) return fail(res, 501, 'NotImplemented');
        store.set(key, body);
        return void res.writeHead(200, { etag: md5(body) }).end();
      }
      if (req.method === 'DELETE') {
        store.delete(key);
        return void res.writeHead(204).end();
      }
      const found = store.get(key);
      if (!found) return req.method === 'HEAD' ? void res.writeHead(404).end() : fail(res, 404, 'NoSuchKey');
      const headers = { 'content-length': String(found.length), etag: md5(found), 'last-modified': new Date(0).toUTCString() };
      if (req.method === 'HEAD') return void res.writeHead(200, headers).end();
      if (req.method === 'GET') return void res.writeHead(200, headers).end(found);
      fail(res, 501, 'NotImplemented');
    })().catch(() => res.destroy());
  });
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', () => r()));
  const port = (http.address() as AddressInfo).port;
  return {
    server: {
      kind: 'minio',
      label: 'verbatim store',
      endpoint: `http://127.0.0.1:${port}`,
      region: 'us-east-1',
      accessKeyId: 'verbatim',
      secretAccessKey: 'verbatim-secret',
      pathStyle: true,
    },
    objects,
    requests,
    stop: () =>
      new Promise<void>((r) => {
        http.closeAllConnections();
        http.close(() => r());
      }),
  };
}
