/**
 * `PUT /upload/<uploadId>/<index>`: the body of one file a browser dropped,
 * streamed straight into the staging area. The request guard has already
 * checked token, Host and Origin before this runs.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { toFerryError } from '../s3/requests/error-mapping.js';
import type { StagingArea } from '../uploads/staging-area.js';

const route = /^\/upload\/([0-9a-f-]{36})\/(\d{1,6})$/;

export function isUploadRequest(req: IncomingMessage): boolean {
  return route.test(new URL(req.url ?? '/', 'http://placeholder').pathname);
}

export async function handleUpload(req: IncomingMessage, res: ServerResponse, staging: StagingArea): Promise<void> {
  const match = route.exec(new URL(req.url ?? '/', 'http://placeholder').pathname);
  if (!match || req.method !== 'PUT') {
    res.writeHead(405, { allow: 'PUT' }).end();
    return;
  }
  try {
    await staging.receive(match[1] ?? '', Number(match[2]), req);
    res.writeHead(204).end();
  } catch (err) {
    const e = toFerryError(err).toData();
    res.writeHead(e.code === 'not-found' ? 404 : 400, { 'content-type': 'application/json' }).end(JSON.stringify(e));
  }
}
