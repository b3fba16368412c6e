// Guards the mutation run found unpinned: each test fails when its guard is
// removed or weakened. Expected values come from S3's own definitions (an
// ETag is the MD5 of the bytes; a multipart ETag the MD5 of the parts' MD5s,
// then "-N"), computed here with node:crypto, never by the code under test.
import { createHash } from 'node:crypto';
import { appendFile, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FerryError } from '../../app/api/errors';
import {
  checkMultipartEtag,
  isIntegrityFailure,
  isPlainMd5,
  mismatch,
  multipartEtagParts,
  normalizeEtag,
  sizeMismatch,
} from '../../app/transfer/item/integrity';
import { JournalStore, type JobHeader } from '../../app/transfer/journal';
import { destinationKey } from '../../app/transfer/plan/destination';
import { verdict } from '../../app/transfer/run/conflicts';

const md5 = (b: Buffer) => createHash('md5').update(b).digest('hex');
/** S3's multipart ETag, from its definition. */
const s3MultipartEtag = (parts: Buffer[]) =>
  `${createHash('md5')
    .update(Buffer.concat(parts.map((p) => createHash('md5').update(p).digest())))
    .digest('hex')}-${parts.length}`;
const where = { bucket: 'b', key: 'k' };

describe('checks of a finished multipart write', () => {
  const parts = Array.from({ length: 12 }, (_, i) => Buffer.alloc(1000 + i, i));
  const whole = md5(Buffer.concat(parts));

  it('accepts the composite ETag of 12 parts and counts them past 9', () => {
    const etag = s3MultipartEtag(parts);
    expect(multipartEtagParts(`"${etag}"`)).toBe(12);
    expect(checkMultipartEtag(`"${etag}"`, parts.map(md5), whole, where)).toBe('multipart-etag');
    const wrong = s3MultipartEtag([...parts.slice(0, 11), Buffer.alloc(1011, 99)]);
    expect(() => checkMultipartEtag(`"${wrong}"`, parts.map(md5), whole, where)).toThrowError(/Integrity check failed/);
  });

  it('compares a plain ETag on a multipart write with the whole object MD5', () => {
    expect(checkMultipartEtag(`"${whole}"`, parts.map(md5), whole, where)).toBe('source-etag');
    expect(() => checkMultipartEtag(`"${md5(Buffer.from('other'))}"`, parts.map(md5), whole, where)).toThrowError(/Integrity check failed/);
    // Without the whole MD5 a plain ETag proves nothing more than the parts did.
    expect(checkMultipartEtag(`"${md5(Buffer.from('other'))}"`, parts.map(md5), undefined, where)).toBe('parts');
  });
});

describe('what an ETag is', () => {
  const hex = md5(Buffer.from('x'));
  it('reads a weak, quoted, upper-case ETag as the plain MD5', () => {
    expect(normalizeEtag(`W/"${hex.toUpperCase()}"`)).toBe(hex);
    expect(normalizeEtag(`"${hex}W/"`)).toBe(`${hex}w/`);
    expect(normalizeEtag(undefined)).toBeUndefined();
  });

  it('takes only whole shapes: 32 hex digits, or 32 and "-N"', () => {
    expect(isPlainMd5(hex)).toBe(true);
    expect(isPlainMd5(`zz${hex}`)).toBe(false);
    expect(isPlainMd5(`${hex}0`)).toBe(false);
    expect(multipartEtagParts(`${hex}-3`)).toBe(3);
    expect(multipartEtagParts(`zz${hex}-3`)).toBeUndefined();
    expect(multipartEtagParts(`${hex}-3x`)).toBeUndefined();
  });

  it('marks a failed check so the runner removes what it wrote, and nothing else', () => {
    expect(isIntegrityFailure(mismatch('"a"', 'b', where))).toBe(true);
    expect(isIntegrityFailure(sizeMismatch(1, 2, where))).toBe(true);
    expect(isIntegrityFailure(new FerryError('server', 'Integrity check failed, said a server'))).toBe(false);
    expect(isIntegrityFailure(new Error('Integrity check failed'))).toBe(false);
    expect(mismatch(undefined, 'b', where)).toMatchObject({ code: 'server', message: expect.stringContaining('reports nothing') });
  });
});

describe('conflict policies at their edges', () => {
  const same = { size: 5, lastModified: 1_000 };
  it('overwrite-if-newer skips a destination exactly as new', () => {
    expect(verdict('overwrite-if-newer', same, { exists: true, ...same }, false)).toBe('skip');
    expect(verdict('overwrite-if-newer', { ...same, lastModified: 1_001 }, { exists: true, ...same }, false)).toBe('write');
  });

  it('overwrite-if-different does not compare a multipart ETag with a plain one', () => {
    const plain = `"${md5(Buffer.from('hello'))}"`;
    const multi = `"${s3MultipartEtag([Buffer.from('he'), Buffer.from('llo')])}"`;
    expect(verdict('overwrite-if-different', { ...same, etag: multi }, { exists: true, ...same, etag: plain }, false)).toBe('skip');
    expect(verdict('overwrite-if-different', { ...same, etag: plain }, { exists: true, ...same, etag: multi }, false)).toBe('skip');
  });
});

describe('destination keys', () => {
  it('refuses an empty key', () => {
    expect(() => destinationKey('', '')).toThrowError(/cannot be empty/);
  });
});

describe('the journal', () => {
  const header: JobHeader = {
    t: 'job',
    v: 1,
    id: 'job-g',
    mode: 'copy',
    label: 'x',
    sources: [{ kind: 'local', path: '/x' }],
    destination: { kind: 's3', connectionId: 'c', bucket: 'b', prefix: '' },
    conflict: 'ask',
    startedAt: 1,
    connections: {},
  };
  const failed = (id: string) => ({
    t: 'fail' as const,
    item: { id, srcIndex: 0, cursor: id, source: { kind: 'local' as const, path: `/x/${id}` }, relative: id, size: 1, destinationId: id },
  });

  it('an unfail record takes an item off the failed list, and compaction keeps that', async () => {
    const store = new JournalStore(await mkdtemp(path.join(tmpdir(), 'ferry-guard-')), () => undefined);
    const j = store.open('job-g');
    await j.appendNow(header);
    j.append(failed('a'));
    j.append(failed('b'));
    j.append({ t: 'unfail', id: 'a' });
    await j.close();
    const loaded = await store.load('job-g');
    expect([...(loaded?.failed.keys() ?? [])]).toEqual(['b']);
    await store.rewrite(loaded as NonNullable<typeof loaded>);
    const text = await readFile(store.fileFor('job-g'), 'utf8');
    expect(text).not.toContain('"a"');
    expect([...((await store.load('job-g'))?.failed.keys() ?? [])]).toEqual(['b']);
  });

  it('a torn line a later run appended after loses only that line', async () => {
    const skipped: number[] = [];
    const store = new JournalStore(await mkdtemp(path.join(tmpdir(), 'ferry-guard-')), (_f, s) => skipped.push(...s.map((r) => r.line)));
    const j = store.open('job-g');
    await j.appendNow(header);
    j.append(failed('a'));
    await j.close();
    await appendFile(store.fileFor('job-g'), '{"t":"fail","item":{"id":"to');
    // The next run appends to the same journal.
    const later = store.open('job-g');
    later.append(failed('b'));
    later.append({ t: 'conflict', policy: 'overwrite' });
    await later.close();
    const loaded = await store.load('job-g');
    expect([...(loaded?.failed.keys() ?? [])]).toEqual(['a', 'b']);
    expect(loaded?.conflict).toBe('overwrite');
    expect(skipped).toEqual([3]);
  });

  it('a torn line with nothing after it is a kill mid-write, not reported', async () => {
    const skipped: number[] = [];
    const store = new JournalStore(await mkdtemp(path.join(tmpdir(), 'ferry-guard-')), (_f, s) => skipped.push(...s.map((r) => r.line)));
    await writeFile(store.fileFor('job-g'), `${JSON.stringify(header)}\n${JSON.stringify(failed('a'))}\n{"t":"fa`);
    expect([...((await store.load('job-g'))?.failed.keys() ?? [])]).toEqual(['a']);
    expect(skipped).toEqual([]);
  });
});
