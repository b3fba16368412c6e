/**
 * Ferry's own small S3 server, for the demo clouds: plain Node, no
 * dependency, bound to 127.0.0.1 on a port the system picks, answering
 * path-style requests signed with SigV4 by the demo's random keys. It does
 * what Ferry's window and engine do on a cloud; any other call answers S3's
 * NotImplemented (501), which Ferry reports as "not supported by this server".
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  bucketLocation,
  bucketVersioning,
  createBucket,
  deleteBucket,
  deleteObjects,
  headBucket,
  listBuckets,
  listObjects,
  listVersions,
} from './bucket-answers.js';
import { has, type Call } from './call.js';
import { abortUpload, completeUpload, createUpload, listParts, listUploads, uploadPart } from './multipart-answers.js';
import { deleteObject, getObject, objectTagging, putObject, requestId } from './object-answers.js';
import { ObjectStore } from './object-store.js';
import { notImplemented, S3Error } from './s3-error.js';
import { decodedQuery, SignatureCheck, type DemoKeys } from './sigv4-check.js';
import { errorDocument } from './xml-doc.js';

export interface DemoS3Server {
  endpoint: string;
  keys: DemoKeys;
  region: string;
  close(): Promise<void>;
}

export interface DemoS3Options {
  /** Where the objects' bytes go; the caller removes it. */
  folder: string;
  keys?: DemoKeys;
  region?: string;
}

/** Keys for one demo run: random, so only this Ferry holds them. */
export function randomKeys(): DemoKeys {
  return {
    accessKeyId: `FERRYDEMO${randomBytes(6).toString('hex').toUpperCase()}`,
    secretAccessKey: randomBytes(30).toString('base64url'),
  };
}

/** Bucket subresources the demo does not keep (policy, ACL, encryption…): answered as not implemented, by name. */
const BUCKET_SUBRESOURCES = [
  'acl',
  'policy',
  'policyStatus',
  'encryption',
  'cors',
  'lifecycle',
  'tagging',
  'website',
  'logging',
  'notification',
  'replication',
  'ownershipControls',
  'publicAccessBlock',
  'accelerate',
  'requestPayment',
  'analytics',
  'metrics',
  'inventory',
  'intelligent-tiering',
];
const OBJECT_SUBRESOURCES = ['acl', 'retention', 'legal-hold', 'torrent', 'restore', 'select', 'attributes'];

async function route(call: Call, method: string): Promise<void> {
  const { bucket: name, key, store } = call;
  if (!name) {
    if (method === 'GET') return listBuckets(call);
    throw notImplemented(`${method} on the service`);
  }
  if (!key) {
    for (const sub of BUCKET_SUBRESOURCES) if (has(call, sub)) throw notImplemented(`The bucket's ${sub} (${method} ?${sub})`);
    if (has(call, 'object-lock'))
      throw new S3Error('ObjectLockConfigurationNotFoundError', 404, 'Object Lock configuration does not exist for this bucket.');
    if (method === 'PUT' && Object.keys(call.query).length === 0) return createBucket(call);
    if (method === 'DELETE') return deleteBucket(call);
    if (method === 'HEAD') return headBucket(call);
    const bucket = store.bucket(name);
    if (method === 'GET' && has(call, 'location')) return bucketLocation(call, bucket);
    if (method === 'GET' && has(call, 'versioning')) return bucketVersioning(call);
    if (method === 'GET' && has(call, 'versions')) return listVersions(call, bucket);
    if (method === 'GET' && has(call, 'uploads')) return listUploads(call, bucket);
    if (method === 'POST' && has(call, 'delete')) return deleteObjects(call, bucket);
    if (method === 'GET') return listObjects(call, bucket);
    throw notImplemented(`${method} on a bucket${Object.keys(call.query).length ? ` with ?${Object.keys(call.query).join('&')}` : ''}`);
  }
  for (const sub of OBJECT_SUBRESOURCES) if (has(call, sub)) throw notImplemented(`The object's ${sub} (${method} ?${sub})`);
  const bucket = store.bucket(name);
  if (has(call, 'tagging') && ['GET', 'PUT', 'DELETE'].includes(method)) return objectTagging(call, bucket, method);
  if (has(call, 'uploadId')) {
    if (method === 'PUT') return uploadPart(call, bucket);
    if (method === 'POST') return completeUpload(call, bucket);
    if (method === 'DELETE') return abortUpload(call, bucket);
    if (method === 'GET') return listParts(call, bucket);
  }
  if (method === 'POST' && has(call, 'uploads')) return createUpload(call, bucket);
  if (method === 'GET' || method === 'HEAD') return getObject(call, bucket, method === 'HEAD');
  if (method === 'PUT') return putObject(call, bucket);
  if (method === 'DELETE') return deleteObject(call, bucket);
  throw notImplemented(`${method} on an object`);
}

function sendError(req: IncomingMessage, res: ServerResponse, err: unknown, id: string, resource: string): void {
  const e = err instanceof S3Error ? err : new S3Error('InternalError', 500, 'We encountered an internal error. Please try again.');
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const headers: Record<string, string> = { 'x-amz-request-id': id, ...e.headers };
  if (e.status === 304 || req.method === 'HEAD') {
    res.writeHead(e.status, { ...headers, 'x-amz-error-code': e.code });
    res.end();
    return;
  }
  const body = Buffer.from(errorDocument(e.code, e.message, resource, id), 'utf8');
  res.writeHead(e.status, { ...headers, 'content-type': 'application/xml', 'content-length': String(body.length) });
  res.end(body);
}

/** Splits `/bucket/key` (the key percent-decoded once); anything else is a bad URI. */
function splitPath(rawPath: string): { bucket: string; key: string } {
  const rest = rawPath.slice(1);
  const slash = rest.indexOf('/');
  const rawBucket = slash < 0 ? rest : rest.slice(0, slash);
  const rawKey = slash < 0 ? '' : rest.slice(slash + 1);
  try {
    return { bucket: decodeURIComponent(rawBucket), key: decodeURIComponent(rawKey) };
  } catch {
    throw new S3Error('InvalidURI', 400, "Couldn't parse the specified URI: the path is not valid percent-encoding.");
  }
}

export async function startDemoS3Server(options: DemoS3Options): Promise<DemoS3Server> {
  const keys = options.keys ?? randomKeys();
  const region = options.region ?? 'us-east-1';
  const store = new ObjectStore(options.folder);
  const signatures = new SignatureCheck(keys);
  const server: Server = createServer((req, res) => {
    const id = requestId();
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const rawPath = q < 0 ? url : url.slice(0, q);
    const rawQuery = q < 0 ? '' : url.slice(q + 1);
    res.setHeader('x-amz-request-id', id);
    res.setHeader('server', 'FerryDemo');
    void (async () => {
      try {
        if (!rawPath.startsWith('/')) throw new S3Error('InvalidURI', 400, "Couldn't parse the specified URI.");
        const method = req.method ?? 'GET';
        signatures.verify(method, rawPath, rawQuery, req.headers);
        const { bucket, key } = splitPath(rawPath);
        await route({ req, res, bucket, key, query: decodedQuery(rawQuery), store, region }, method);
      } catch (err) {
        sendError(req, res, err, id, rawPath);
      }
    })();
  });
  // Idle keep-alive sockets would hold close() open; the SDK reconnects when one is gone.
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    keys,
    region,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
