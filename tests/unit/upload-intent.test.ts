// The two guards the fault matrix added to multipart writes, pinned without a
// server: the journal keeps an upload intent until the upload's id follows
// (and through compaction), and a server's NoSuchUpload is an answer, not a
// dropped connection, even though its message says "aborted".
import { describe, expect, it } from 'vitest';
import { foldJournal, snapshotRecords, type JobHeader, type JournalRecord } from '../../app/transfer/journal';
import { isRetryable } from '../../app/s3/requests/retry';

const header: JobHeader = {
  t: 'job',
  v: 1,
  id: 'job-1',
  mode: 'copy',
  label: 'x → y/',
  sources: [{ kind: 'local', path: '/x' }],
  destination: { kind: 's3', connectionId: 'c', bucket: 'y', prefix: '' },
  conflict: 'overwrite',
  startedAt: 1,
  connections: { c: { label: 'L', endpoint: 'http://e', accessKeyId: 'AK' } },
};
const intent = { t: 'mpu-intent', id: '0:x', connectionId: 'c', bucket: 'y', key: 'x', at: 1_700_000_000_000 } as const;
const mpu = { t: 'mpu', id: '0:x', connectionId: 'c', bucket: 'y', key: 'x', uploadId: 'U1', partSize: 5, size: 12 } as const;

describe('upload intents in the journal', () => {
  it('an intent with no upload id after it survives the fold and compaction', () => {
    const job = foldJournal([header, intent]);
    expect([...(job?.intents.values() ?? [])]).toEqual([{ id: '0:x', connectionId: 'c', bucket: 'y', key: 'x', at: intent.at }]);
    const again = foldJournal(snapshotRecords(job as NonNullable<typeof job>));
    expect(again?.intents.get('0:x')).toEqual(job?.intents.get('0:x'));
  });

  it('the upload id, or the upload ending, settles the intent', () => {
    expect(foldJournal([header, intent, mpu])?.intents.size).toBe(0);
    expect(foldJournal([header, intent, mpu])?.uploads.get('0:x')?.uploadId).toBe('U1');
    const ended: JournalRecord[] = [header, intent, { t: 'mpu-end', id: '0:x' }];
    expect(foldJournal(ended)?.intents.size).toBe(0);
  });
});

describe('a server refusal is judged by its status and code, not its words', () => {
  it('NoSuchUpload (404, "may have been aborted or completed") is not retried', () => {
    const noSuchUpload = {
      name: 'NoSuchUpload',
      message:
        'The specified multipart upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.',
      $metadata: { httpStatusCode: 404 },
    };
    expect(isRetryable(noSuchUpload)).toBe(false);
  });

  it('a dropped connection is still retried by its words', () => {
    expect(isRetryable(new Error('socket hang up'))).toBe(true);
    expect(isRetryable(Object.assign(new Error('The operation was aborted'), { $metadata: {} }))).toBe(true);
  });
});
