import { describe, expect, it } from 'vitest';
import { parseArgs, UsageError } from '../../app/cli/args';
import { parseLocation } from '../../app/cli/locations';
import { contentTypeFor } from '../../app/local/content-type';

describe('ferry sync, diff and the flags around them', () => {
  it('groups short flags and reads repeated globs', () => {
    const a = parseArgs(['sync', '-nq', '--delete', '--include', '*.jpg', '--include=**/raw/*', '--exclude', 'tmp/', 'a:b/c', '/tmp/d']);
    expect(a).toMatchObject({ command: 'sync', dryRun: true, quiet: true, operands: ['a:b/c', '/tmp/d'] });
    expect(a.sync).toEqual({ delete: true, twoWay: false, deep: false, mtime: false });
    expect(a.filters).toEqual({ include: ['*.jpg', '**/raw/*'], exclude: ['tmp/'] });
    expect(parseArgs(['cp', '-rn', 'x', 'y'])).toMatchObject({ recursive: true, dryRun: true });
    expect(parseArgs(['ls', '-rl', '--json', 'x:b/'])).toMatchObject({ recursive: true, long: true, json: true });
    expect(parseArgs(['diff', '--deep', '--mtime', 'x:b/', 'y:b/']).sync).toMatchObject({ deep: true, mtime: true });
    expect(parseArgs(['sync', '--plan', '0123456789abcdef0123456789abcdef', 'a', 'b']).sync.plan).toBe('0123456789abcdef0123456789abcdef');
    expect(parseArgs(['cp', '--', '-odd-name', 'dest']).operands).toEqual(['-odd-name', 'dest']);
  });

  it.each([
    [['sync', 'only-one'], /two locations/],
    [['diff', 'a', 'b', 'c'], /two locations/],
    [['cp', '-rx', 'a', 'b'], /Unknown option -x/],
    [['sync', '--include'], /--include needs a value/],
    [['sync', '--json=yes', 'a', 'b'], /--json takes no value/],
    [['cp', '--delete', 'a', 'b'], /--delete is for ferry sync/],
    [['ls', '--dry-run', 'a:b/'], /--dry-run is for ferry cp, ferry mv, ferry rm, ferry sync/],
    [['sync', '--two-way', '--delete', 'a', 'b'], /never deletes/],
    [['sync', '--include', 'x[a-', 'a', 'b'], /--include: "x\[a-": a character class \[ is never closed/],
    [['sync', '--plan', 'abc', 'a', 'b'], /32-character digest/],
  ])('refuses %j', (argv, message) => {
    expect(() => parseArgs(argv)).toThrowError(message);
    expect(() => parseArgs(argv)).toThrowError(UsageError);
  });

  it('reads s3:// with a named connection, and explains a one-letter name', () => {
    expect(parseLocation('s3://logs/2024/a.gz', '/w', 'prod')).toEqual({ kind: 's3', name: 'prod', bucket: 'logs', key: '2024/a.gz' });
    expect(parseLocation('s3://logs', '/w', 'prod')).toEqual({ kind: 's3', name: 'prod', bucket: 'logs', key: '' });
    expect(() => parseLocation('s3://logs/a', '/w')).toThrowError(/needs a connection: add --connection NAME/);
    expect(() => parseLocation('x:logs/a', '/w', undefined, 'linux')).toThrowError(
      /one-letter name before ':' reads as a Windows drive letter/,
    );
    expect(() => parseLocation('x:logs/a', '/w', undefined, 'linux')).toThrowError(UsageError);
    expect(parseLocation('C:\\data', '/w', undefined, 'linux').kind).toBe('local');
    expect(parseLocation('x:logs', '/w', undefined, 'win32').kind).toBe('local');
  });

  it('content types come from the maintained table, with data formats it lacks', async () => {
    expect(await contentTypeFor('/a/b.txt')).toBe('text/plain; charset=utf-8');
    expect(await contentTypeFor('/a/b.webmanifest')).toBe('application/manifest+json; charset=utf-8');
    expect(await contentTypeFor('/a/b.epub')).toBe('application/epub+zip');
    expect(await contentTypeFor('/a/b.parquet')).toBe('application/vnd.apache.parquet');
    expect(await contentTypeFor('/a/Makefile')).toBe('application/octet-stream');
    expect(await contentTypeFor('/a/b.unknownext')).toBe('application/octet-stream');
  });
});
