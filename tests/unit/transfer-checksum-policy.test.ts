// When Ferry sends a CRC32, when it trusts a stored one as the whole
// object's, and which server answers count as refusing the headers (then the
// write goes again without) rather than as damaged bytes (then it fails).
import { S3ServiceException } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import type { ConnectionSummary } from '../../app/api/types';
import type { Conn } from '../../app/s3/requests/request';
import { asksCrc, fullObjectCrc, refusesChecksums, sendsCrc, stopSendingCrc } from '../../app/transfer/item/checksums';

const conn = (summary: Partial<ConnectionSummary> = {}): Conn =>
  ({ id: 'c1', summary: { id: 'c1', label: 'x', endpoint: 'http://127.0.0.1:9000', region: 'us-east-1', ...summary } }) as Conn;

const probe = (checksums: 'verified' | 'ignored' | 'rejected' | 'unknown') =>
  ({ checksums }) as unknown as NonNullable<ConnectionSummary['probe']>;

function s3Error(name: string, status: number, message = name): S3ServiceException {
  return new S3ServiceException({ name, $fault: 'client', message, $metadata: { httpStatusCode: status } });
}

describe('checksum policy', () => {
  it('sends CRC32 unless the connection or its probe says the server will not take it, and stops once refused', () => {
    const unsupported = new Set<string>();
    expect(sendsCrc({ unsupported }, conn())).toBe(true);
    expect(sendsCrc({ unsupported }, conn({ probe: probe('verified') }))).toBe(true);
    expect(sendsCrc({ unsupported }, conn({ probe: probe('unknown') }))).toBe(true);
    expect(sendsCrc({ unsupported }, conn({ probe: probe('rejected') }))).toBe(false);
    expect(sendsCrc({ unsupported }, conn({ probe: probe('ignored') }))).toBe(false);
    expect(sendsCrc({ unsupported }, conn({ checksumMode: 'off' }))).toBe(false);
    stopSendingCrc({ unsupported }, conn());
    expect(sendsCrc({ unsupported }, conn())).toBe(false);
    // Reads still ask (the header costs nothing), except where the server refuses it.
    expect(asksCrc(conn({ probe: probe('ignored') }))).toBe(true);
    expect(asksCrc(conn({ probe: probe('rejected') }))).toBe(false);
    expect(asksCrc(conn({ checksumMode: 'off' }))).toBe(false);
  });

  it('trusts a CRC32 as the whole object only when it is one', () => {
    const crc = 'DUoRhQ==';
    expect(fullObjectCrc({ ChecksumCRC32: crc, ChecksumType: 'FULL_OBJECT', ETag: '"abc-3"' })).toBe(0x0d4a1185);
    // No type: only a single PUT's (plain MD5 ETag) checksum is necessarily of the whole.
    expect(fullObjectCrc({ ChecksumCRC32: crc, ETag: '"5eb63bbbe01eeed093cb22bb8f5acdc3"' })).toBe(0x0d4a1185);
    expect(fullObjectCrc({ ChecksumCRC32: crc, ETag: '"5eb63bbbe01eeed093cb22bb8f5acdc3-2"' })).toBeUndefined();
    expect(fullObjectCrc({ ChecksumCRC32: crc, ChecksumType: 'COMPOSITE', ETag: '"abc-3"' })).toBeUndefined();
    expect(fullObjectCrc({ ChecksumCRC32: `${crc}-3`, ChecksumType: 'FULL_OBJECT' })).toBeUndefined();
    expect(fullObjectCrc({ ChecksumType: 'FULL_OBJECT', ETag: '"abc"' })).toBeUndefined();
    expect(fullObjectCrc(undefined)).toBeUndefined();
  });

  it('tells a refused checksum header from damaged bytes', () => {
    expect(refusesChecksums(s3Error('NotImplemented', 501))).toBe(true);
    expect(refusesChecksums(s3Error('InvalidRequest', 400, 'Checksum type FULL_OBJECT is not supported'))).toBe(true);
    expect(refusesChecksums(s3Error('InvalidArgument', 400, 'x-amz-checksum-crc32 header is not supported'))).toBe(true);
    expect(refusesChecksums(s3Error('BadDigest', 400, 'The CRC32 you specified did not match the calculated checksum.'))).toBe(false);
    expect(refusesChecksums(s3Error('InvalidRequest', 400, 'Value for x-amz-checksum-crc32 header is invalid: checksum mismatch'))).toBe(
      false,
    );
    expect(refusesChecksums(s3Error('AccessDenied', 403, 'checksum'))).toBe(false);
    expect(refusesChecksums(new Error('socket hang up'))).toBe(false);
  });
});
