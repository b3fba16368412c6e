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
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { directSpec } from '../../app/s3/direct/prepared/commands';
import { scanXml } from '../../app/s3/direct/prepared/xml-scanner';

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
    expect(directSpec(new GetObjectCommand({ Bucket: 'b', Key: '' }))).toBeUndefined();
    // A length that disagrees with the body.
    expect(directSpec(new PutObjectCommand({ Bucket: 'b', Key: 'k', Body: body, ContentMD5: 'm', ContentLength: 99 }))).toBeUndefined();
  });

  it('writes a DeleteObjects batch as XML with its Content-MD5, keys escaped to read back the same', () => {
    const keys = ['a&b.txt', 'x<y>/z', `it's "q"`, 'ü/日本.bin', 'nel\u0085ls\u2028end'];
    const spec = directSpec(
      new DeleteObjectsCommand({
        Bucket: 'b',
        Delete: { Objects: [...keys.map((Key) => ({ Key })), { Key: 'v', VersionId: 'id&1' }], Quiet: false },
      }),
    );
    expect(spec).toMatchObject({ method: 'POST', bucket: 'b', key: '', query: { delete: '' }, answer: 'delete' });
    const xml = Buffer.from(spec?.body ?? new Uint8Array());
    expect(spec?.headers['content-md5']).toBe(createHash('md5').update(xml).digest('base64'));
    const root = scanXml(xml.toString('utf8'));
    expect(root.name).toBe('Delete');
    const objects = root.children.filter((c) => c.name === 'Object');
    expect(objects.map((o) => o.children.find((c) => c.name === 'Key')?.text)).toEqual([...keys, 'v']);
    expect(objects[5]?.children.find((c) => c.name === 'VersionId')?.text).toBe('id&1');
    // NEL and LINE SEPARATOR go as character references, which no parser takes for a line end.
    expect(xml.toString('utf8')).toContain('<Key>nel&#x85;ls&#x2028;end</Key>');
    expect(root.children.find((c) => c.name === 'Quiet')?.text).toBe('false');
  });

  it('leaves to the SDK a DeleteObjects it cannot write the same way', () => {
    const del = (Objects: { Key: string; VersionId?: string }[], extra: Record<string, unknown> = {}) =>
      directSpec(new DeleteObjectsCommand({ Bucket: 'b', Delete: { Objects }, ...extra }));
    // A key XML cannot carry unchanged, an empty batch, more than S3 takes, a field the table does not know.
    expect(del([{ Key: 'line\nbreak' }])).toBeUndefined();
    expect(del([{ Key: 'bell\u0007' }])).toBeUndefined();
    expect(del([])).toBeUndefined();
    expect(del(Array.from({ length: 1001 }, (_, i) => ({ Key: `k${i}` })))).toBeUndefined();
    expect(del([{ Key: 'k' }], { BypassGovernanceRetention: true })).toBeUndefined();
    expect(del([{ Key: 'k' }], { ExpectedBucketOwner: '123' })).toBeUndefined();
    expect(del(Array.from({ length: 1000 }, (_, i) => ({ Key: `k${i}` })))?.answer).toBe('delete');
  });
});
