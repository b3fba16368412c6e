/**
 * Which commands the direct path may send itself: only inputs it can send
 * exactly as the SDK would. Anything else must be left to the SDK.
 */
import {
  CopyObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { directSpec } from '../../app/s3/direct/prepared/commands';

const body = Buffer.from('bytes');

describe('directSpec', () => {
  it('maps the fields a transfer uses to headers and query parameters', () => {
    const spec = directSpec(
      new PutObjectCommand({
        Bucket: 'b',
        Key: 'k/x.txt',
        Body: body,
        ContentMD5: 'md5==',
        ContentType: 'text/plain',
        Metadata: { Origin: 'x' },
        Tagging: 'a=1',
        IfNoneMatch: '*',
      }),
    );
    expect(spec).toMatchObject({
      method: 'PUT',
      bucket: 'b',
      key: 'k/x.txt',
      answer: 'put',
      headers: {
        'content-md5': 'md5==',
        'content-type': 'text/plain',
        'x-amz-meta-origin': 'x',
        'x-amz-tagging': 'a=1',
        'if-none-match': '*',
      },
    });
    expect(
      directSpec(new UploadPartCommand({ Bucket: 'b', Key: 'k', UploadId: 'u 1', PartNumber: 3, Body: body, ContentMD5: 'm' }))?.query,
    ).toEqual({
      uploadId: 'u 1',
      partNumber: '3',
    });
    expect(directSpec(new ListObjectsV2Command({ Bucket: 'b', Prefix: 'a/', ContinuationToken: 't', EncodingType: 'url' }))).toMatchObject({
      method: 'GET',
      key: '',
      answer: 'list',
      query: { 'list-type': '2', prefix: 'a/', 'continuation-token': 't', 'encoding-type': 'url' },
    });
    expect(directSpec(new GetObjectCommand({ Bucket: 'b', Key: 'k', Range: 'bytes=0-9', IfMatch: '"e"' }))?.headers).toEqual({
      range: 'bytes=0-9',
      'if-match': '"e"',
    });
  });

  it('sends the CRC32 of a body and asks for checksums on reads', () => {
    const put = directSpec(new PutObjectCommand({ Bucket: 'b', Key: 'k', Body: body, ContentMD5: 'm', ChecksumCRC32: 'DUoRhQ==' }));
    expect(put?.headers).toMatchObject({ 'content-md5': 'm', 'x-amz-checksum-crc32': 'DUoRhQ==' });
    const part = directSpec(
      new UploadPartCommand({
        Bucket: 'b',
        Key: 'k',
        Body: body,
        ContentMD5: 'm',
        ChecksumCRC32: 'DUoRhQ==',
        PartNumber: 2,
        UploadId: 'u',
      }),
    );
    expect(part?.headers).toMatchObject({ 'x-amz-checksum-crc32': 'DUoRhQ==' });
    expect(directSpec(new GetObjectCommand({ Bucket: 'b', Key: 'k', ChecksumMode: 'ENABLED' }))?.headers).toEqual({
      'x-amz-checksum-mode': 'ENABLED',
    });
    expect(directSpec(new HeadObjectCommand({ Bucket: 'b', Key: 'k', ChecksumMode: 'ENABLED' }))?.method).toBe('HEAD');
  });

  it('leaves to the SDK what it cannot send the same way', () => {
    // A body with neither Content-MD5 nor a CRC32 would need its SHA-256 signed.
    expect(directSpec(new PutObjectCommand({ Bucket: 'b', Key: 'k', Body: body }))).toBeUndefined();
    // A CRC32 alone covers it (a part sent to a server that checks the CRC).
    const part = directSpec(
      new UploadPartCommand({ Bucket: 'b', Key: 'k', UploadId: 'u', PartNumber: 1, Body: body, ChecksumCRC32: 'DUoRhQ==' }),
    );
    expect(part?.headers).toEqual({ 'x-amz-checksum-crc32': 'DUoRhQ==' });
    expect(part?.body).toBe(body);
    // A streamed body, a field the table does not know, another command, a missing key.
    expect(directSpec(new PutObjectCommand({ Bucket: 'b', Key: 'k', Body: Readable.from([body]), ContentMD5: 'm' }))).toBeUndefined();
    expect(
      directSpec(new PutObjectCommand({ Bucket: 'b', Key: 'k', Body: body, ContentMD5: 'm', SSECustomerKey: 'secret' })),
    ).toBeUndefined();
    expect(directSpec(new GetObjectCommand({ Bucket: 'b', Key: 'k', ResponseContentType: 'text/plain' }))).toBeUndefined();
    // A checksum asked of a copy (the server computes it).
    expect(directSpec(new CopyObjectCommand({ Bucket: 'b', Key: 'k', CopySource: 'a/k', ChecksumAlgorithm: 'CRC32' }))).toBeUndefined();
    expect(directSpec(new ListObjectsV2Command({ Bucket: 'b', FetchOwner: true }))).toBeUndefined();
    expect(directSpec(new DeleteObjectsCommand({ Bucket: 'b', Delete: { Objects: [{ Key: 'k' }] } }))).toBeUndefined();
    expect(directSpec(new GetObjectCommand({ Bucket: 'b', Key: '' }))).toBeUndefined();
    // A length that disagrees with the body.
    expect(directSpec(new PutObjectCommand({ Bucket: 'b', Key: 'k', Body: body, ContentMD5: 'm', ContentLength: 99 }))).toBeUndefined();
  });
});
