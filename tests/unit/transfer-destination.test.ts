import { describe, expect, it } from 'vitest';
import { destinationKey, keepBothName, localTargetPath, prefixBase } from '../../app/transfer/plan/destination';
import { verdict } from '../../app/transfer/run/conflicts';

describe('destination keys', () => {
  it('accepts exactly 1,024 bytes of UTF-8 and refuses one more, naming the limit', () => {
    const key = 'é'.repeat(510) + 'abcd'; // 1,024 bytes
    expect(destinationKey('', key)).toBe(key);
    expect(() => destinationKey('x', key)).toThrowError(/1025 bytes; S3 allows at most 1024 bytes/);
  });

  it('keeps keys byte for byte: no normalising of unicode, spaces or odd characters', () => {
    const nfd = 'cafe\u0301 +%#?.txt';
    expect(destinationKey('in/', nfd)).toBe(`in/${nfd}`);
  });

  it('copies a prefix as a folder of its own name', () => {
    expect(prefixBase('photos/')).toBe('');
    expect(prefixBase('a/b/')).toBe('a/');
    expect(prefixBase('logs/2024-')).toBe('logs/');
    expect(prefixBase('')).toBe('');
  });

  it('keeps both with the counter before the extension', () => {
    expect(keepBothName('dir/report.pdf', 1, '/')).toBe('dir/report (1).pdf');
    expect(keepBothName('noext', 2, '/')).toBe('noext (2)');
    expect(keepBothName('.hidden', 1, '/')).toBe('.hidden (1)');
  });
});

describe('local targets', () => {
  it('builds nested paths inside the folder, and folders for markers', () => {
    expect(localTargetPath('/data/in', 'a/b/c.txt')).toEqual({ target: '/data/in/a/b/c.txt', isDir: false });
    expect(localTargetPath('/data/in', 'a/b/')).toEqual({ target: '/data/in/a/b', isDir: true });
    expect(localTargetPath('/data/in', 'a/file..txt').target).toBe('/data/in/a/file..txt');
  });

  it.each(['../x', 'a/../../x', 'a/..', './x', 'a//b', '/abs', 'a\\..\\x', 'nul\0', '', '..'])('refuses %j', (rel) => {
    expect(() => localTargetPath('/data/in', rel)).toThrowError(expect.objectContaining({ code: 'unsafe-path' }));
  });
});

describe('conflict verdicts', () => {
  const src = { size: 10, lastModified: 2_000, etag: '"0cc175b9c0f1b6a831c399e269772661"' };
  const dest = { exists: true as const, size: 10, lastModified: 1_000, etag: '"0cc175b9c0f1b6a831c399e269772661"' };

  it('writes when nothing is there, whatever the policy', () => {
    expect(verdict('skip', src, { exists: false }, false)).toBe('write');
  });

  it('follows each policy', () => {
    expect(verdict('skip', src, dest, false)).toBe('skip');
    expect(verdict('overwrite', src, dest, false)).toBe('write');
    expect(verdict('keep-both', src, dest, false)).toBe('rename');
    expect(verdict('ask', src, dest, false)).toBe('ask');
    expect(verdict('overwrite-if-newer', src, dest, false)).toBe('write');
    expect(verdict('overwrite-if-newer', { ...src, lastModified: 500 }, dest, false)).toBe('skip');
    expect(verdict('overwrite-if-different', src, dest, false)).toBe('skip');
    expect(verdict('overwrite-if-different', { ...src, size: 11 }, dest, false)).toBe('write');
    expect(verdict('overwrite-if-different', { ...src, etag: '"92eb5ffee6ae2fec3ad71c777531578f"' }, dest, false)).toBe('write');
  });

  it('treats an existing folder marker as the same folder', () => {
    expect(verdict('ask', src, dest, true)).toBe('skip');
    expect(verdict('keep-both', src, dest, true)).toBe('skip');
  });
});
