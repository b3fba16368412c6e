/** Direct SDK access to a test server, to seed data and check results without going through Ferry. */
import {
  CreateBucketCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  type HeadObjectCommandOutput,
} from '@aws-sdk/client-s3';
import { createHash, randomBytes } from 'node:crypto';
import type { TestServer } from './harness';

export function sdkClient(s: TestServer): S3Client {
  return new S3Client({
    endpoint: s.endpoint,
    region: s.region,
    forcePathStyle: true,
    credentials: { accessKeyId: s.accessKeyId, secretAccessKey: s.secretAccessKey },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}

export function uniqueBucket(tag: string): string {
  return `ferry-${tag}-${randomBytes(4).toString('hex')}`;
}

export async function createBucket(s: TestServer, bucket: string): Promise<void> {
  await sdkClient(s).send(new CreateBucketCommand({ Bucket: bucket }));
}

export async function putObject(
  s: TestServer,
  bucket: string,
  key: string,
  body: Buffer,
  extra: { ContentType?: string; Metadata?: Record<string, string> } = {},
): Promise<void> {
  await sdkClient(s).send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ...extra }));
}

export async function headObject(s: TestServer, bucket: string, key: string): Promise<HeadObjectCommandOutput> {
  return sdkClient(s).send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
}

export async function objectBytes(s: TestServer, bucket: string, key: string): Promise<Buffer> {
  const out = await sdkClient(s).send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return Buffer.from(await (out.Body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray());
}

export function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}
