// Bucket names are checked against S3's rules before any request: each bad
// name below is refused with the rule it breaks, and the message says why.
import { describe, expect, it } from 'vitest';
import { bucketNameProblem } from '../../app/buckets/bucket-name';
import { summaryMessage } from '../../app/objects/delete-selection';

const invalid: [name: string, rule: string, says: RegExp][] = [
  ['', 'empty', /Enter a bucket name/],
  ['ab', 'too-short', /at least 3/],
  ['a'.repeat(64), 'too-long', /at most 63.*64/],
  ['my bucket', 'whitespace', /spaces/],
  ['MyBucket', 'uppercase', /lowercase/],
  ['my_bucket', 'underscore', /"_"/],
  ['my+bucket', 'character', /"\+" is not allowed/],
  ['bücket', 'character', /"ü" is not allowed/],
  ['my/bucket', 'character', /"\/" is not allowed/],
  ['-bucket', 'start', /begin with a letter or a digit/],
  ['.bucket', 'start', /begin/],
  ['bucket-', 'end', /end with a letter or a digit/],
  ['bucket.', 'end', /end/],
  ['my..bucket', 'double-dot', /two dots/],
  ['my.-bucket', 'dot-dash', /next to "\."/],
  ['my-.bucket', 'dot-dash', /next to/],
  ['192.168.5.4', 'ip-address', /IP address/],
  ['xn--bucket', 'reserved-prefix', /"xn--"/],
  ['sthree-bucket', 'reserved-prefix', /"sthree-"/],
  ['amzn-s3-demo-bucket', 'reserved-prefix', /amzn-s3-demo-/],
  ['bucket-s3alias', 'reserved-suffix', /"-s3alias"/],
  ['bucket--ol-s3', 'reserved-suffix', /"--ol-s3"/],
  ['bucket.mrap', 'reserved-suffix', /"\.mrap"/],
  ['bucket--x-s3', 'reserved-suffix', /"--x-s3"/],
  ['bucket--table-s3', 'reserved-suffix', /"--table-s3"/],
];

describe('bucket names', () => {
  it.each(invalid)('refuses %j (%s)', (name, rule, says) => {
    const p = bucketNameProblem(name);
    expect(p).not.toBeNull();
    expect(p?.rule).toBe(rule);
    expect(p?.message).toMatch(says);
  });

  it('holds at least fifteen invalid names, covering every rule', () => {
    expect(invalid.length).toBeGreaterThanOrEqual(15);
    expect(new Set(invalid.map(([, rule]) => rule)).size).toBe(14);
  });

  it.each(['abc', 'a'.repeat(63), 'logs-2024', 'my.bucket.name', '123', 'a1-b2.c3', '1.2.3', 'x-n--ok'])('accepts %j', (name) => {
    expect(bucketNameProblem(name)).toBeNull();
  });
});

describe('the delete confirmation', () => {
  it('names what goes, with the totals under the folders', () => {
    const s = { objects: 3, folders: 2, totalObjects: 12_408, totalBytes: 3.1 * 1024 ** 3, more: false, versioning: 'off' as const };
    expect(summaryMessage(s)).toBe('Delete 3 objects and 2 folders (12,408 objects, 3.1 GiB)?');
  });

  it('says a versioned bucket only gains delete markers', () => {
    const s = { objects: 1, folders: 0, totalObjects: 1, totalBytes: 10, more: false, versioning: 'enabled' as const };
    expect(summaryMessage(s)).toMatch(/^Delete 1 object \(10 bytes\)\? .*delete markers are added and nothing is destroyed/);
  });

  it('speaks of files on disk, and of a count that stopped', () => {
    const s = { objects: 0, folders: 1, totalObjects: 1_000_000, totalBytes: 0, more: true, versioning: 'local' as const };
    expect(summaryMessage(s)).toBe('Delete 1 folder (more than 1,000,000 files, 0 bytes)?');
  });
});
