/** Seeding for the inspector's tests: an object-lock bucket on MinIO, versions, tags, a multipart object. */
import {
  CompleteMultipartUploadCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  PutObjectCommand,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createCore, type FerryCore } from '../../app/core/ferry-core';
import type { TestServer } from '../../e2e/servers/harness';
import { createBucket, expectOk, sdkClient } from './support';

export async function createLockedBucket(srv: TestServer, bucket: string): Promise<void> {
  // Object lock turns versioning on with it.
  await sdkClient(srv).send(new CreateBucketCommand({ Bucket: bucket, ObjectLockEnabledForBucket: true }));
}

export { createBucket };

export async function putVersion(
  srv: TestServer,
  bucket: string,
  key: string,
  body: string | Buffer,
  extra: Partial<ConstructorParameters<typeof PutObjectCommand>[0]> = {},
): Promise<string | undefined> {
  const out = await sdkClient(srv).send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ...extra }));
  return out.VersionId;
}

/** An object made of `parts` parts of 5 MiB each, so its ETag is the multipart form "<md5>-N". */
export async function putMultipart(
  srv: TestServer,
  bucket: string,
  key: string,
  parts: number,
  extra: { Metadata?: Record<string, string> } = {},
) {
  const s3 = sdkClient(srv);
  const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: key, ...extra }));
  const done = [];
  const bodies: Buffer[] = [];
  for (let n = 1; n <= parts; n++) {
    const body = Buffer.alloc(5 * 1024 * 1024, n);
    bodies.push(body);
    const out = await s3.send(new UploadPartCommand({ Bucket: bucket, Key: key, UploadId, PartNumber: n, Body: body }));
    done.push({ PartNumber: n, ETag: out.ETag });
  }
  await s3.send(new CompleteMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId, MultipartUpload: { Parts: done } }));
  return Buffer.concat(bodies);
}

/** A core whose CopyObject limit is lowered, so a small object takes the multipart copy path. */
export function coreWithCopyLimit(copyObjectMaxBytes: number, copyPartSize: number): FerryCore {
  return createCore({
    shell: 'serve',
    homeDir: tmpdir(),
    userDataDir: mkdtempSync(path.join(tmpdir(), 'ferry-data-')),
    transfer: { copyObjectMaxBytes, copyPartSize },
  });
}

export async function connectCore(
  core: FerryCore,
  srv: Pick<TestServer, 'label' | 'endpoint' | 'region' | 'accessKeyId' | 'secretAccessKey'>,
) {
  const added = await expectOk<{ id: string }>(
    core.dispatch('connections.add', {
      label: srv.label,
      endpoint: srv.endpoint,
      region: srv.region,
      accessKeyId: srv.accessKeyId,
      secretAccessKey: srv.secretAccessKey,
      pathStyle: true,
    }),
  );
  return added.id;
}
