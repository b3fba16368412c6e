import { describe, expect, it } from 'vitest';
import { parseArgs, parseSize, UsageError } from '../../app/cli/args';
import { envPrefix, parseLocation, toDestination, toSource } from '../../app/cli/locations';

describe('ferry arguments', () => {
  it('reads the tuning flags benchmarks use', () => {
    const a = parseArgs([
      'cp',
      '-r',
      '--objects',
      '64',
      '--parts=32',
      '--part-size',
      '16MiB',
      '--memory',
      '1GiB',
      '--sockets',
      '128',
      '--bwlimit',
      '50MB',
      '--idle-timeout',
      '2.5',
      '--connect-timeout=0.5',
      '--json',
      'src:b/p/',
      '/tmp/x',
    ]);
    expect(a).toMatchObject({ command: 'cp', recursive: true, json: true, operands: ['src:b/p/', '/tmp/x'], conflict: 'overwrite' });
    expect(a.tuning).toEqual({
      objectsInFlight: 64,
      partsInFlight: 32,
      partSize: 16 * 1024 * 1024,
      memoryBytes: 1024 ** 3,
      socketsPerEndpoint: 128,
      bandwidthBytesPerSecond: 50_000_000,
      idleTimeoutMs: 2500,
      connectTimeoutMs: 500,
    });
  });

  it('takes a part of 5 GiB, the most S3 allows', () => {
    expect(parseArgs(['cp', '--part-size', '5GiB', 'a', 'b']).tuning.partSize).toBe(5 * 1024 ** 3);
  });

  it('parses sizes in both unit families', () => {
    expect(parseSize('8MiB', 'x')).toBe(8 * 1024 * 1024);
    expect(parseSize('8M', 'x')).toBe(8 * 1024 * 1024);
    expect(parseSize('8MB', 'x')).toBe(8_000_000);
    expect(parseSize('1.5k', 'x')).toBe(1536);
    expect(parseSize('4096', 'x')).toBe(4096);
    expect(() => parseSize('lots', '--part-size')).toThrowError(/--part-size: "lots" is not a size/);
  });

  it.each([
    [['cp', 'one'], /needs a source and a destination/],
    [['ls'], /one location/],
    [['cp', '--parts', '0', 'a', 'b'], /at least 1/],
    [['cp', '--conflict', 'ask', 'a', 'b'], /--conflict must be one of/],
    [['remove', 'x'], /Unknown command/],
    [['rm'], /needs at least one NAME:bucket\/key/],
    [['rm', '--batch-size', '1001', 'a:b/c'], /at most 1000/],
    [['rm', '--batches', '0', 'a:b/c'], /at least 1/],
    [['cp', '--frobnicate', 'a', 'b'], /Unknown option --frobnicate/],
    [['cp', '--connect-timeout', 'soon', 'a', 'b'], /--connect-timeout takes seconds, more than zero \(got "soon"\)/],
    [['cp', '--idle-timeout', '0', 'a', 'b'], /--idle-timeout takes seconds, more than zero/],
    [['cp', '--part-size', '6GiB', 'a', 'b'], /--part-size is at most 5GiB: no S3 server takes a larger part/],
    [['cp', '--copy-part-size', '5121MiB', 'a', 'b'], /--copy-part-size is at most 5GiB/],
  ])('refuses %j', (argv, message) => {
    expect(() => parseArgs(argv)).toThrowError(message);
    expect(() => parseArgs(argv)).toThrowError(UsageError);
  });

  it('reads rm with its batch flags', () => {
    const a = parseArgs(['rm', '-r', '--batch-size', '500', '--batches=4', '--json', 'prod:logs/2024/', 'prod:tmp/x']);
    expect(a).toMatchObject({ command: 'rm', recursive: true, json: true, operands: ['prod:logs/2024/', 'prod:tmp/x'] });
    expect(a.deletion).toEqual({ batchSize: 500, batchesInFlight: 4 });
    expect(parseArgs(['rm', 'prod:logs/a.gz']).deletion).toEqual({});
  });

  it('tells remote locations from local paths (a drive letter is not a connection)', () => {
    expect(parseLocation('prod:logs/2024/a.gz')).toEqual({ kind: 's3', name: 'prod', bucket: 'logs', key: '2024/a.gz' });
    expect(parseLocation('prod:')).toEqual({ kind: 's3', name: 'prod', bucket: '', key: '' });
    expect(parseLocation('rel/dir', '/home/u')).toEqual({ kind: 'local', path: '/home/u/rel/dir' });
    expect(parseLocation('C:\\data', '/w').kind).toBe('local');
    expect(envPrefix('prod')).toBe('FERRY_PROD_');
    expect(envPrefix('my-cloud.eu')).toBe('FERRY_MY_CLOUD_EU_');
  });

  it('maps locations to transfer sources and destinations like cp -r', () => {
    const loc = parseLocation('prod:logs/2024');
    expect(toSource(loc, 'id', true)).toEqual({ kind: 's3-prefix', connectionId: 'id', bucket: 'logs', prefix: '2024/' });
    expect(toSource(loc, 'id', false)).toEqual({ kind: 's3', connectionId: 'id', bucket: 'logs', key: '2024' });
    expect(() => toSource(parseLocation('prod:logs/2024/'), 'id', false)).toThrowError(/add -r/);
    expect(toDestination(parseLocation('prod:logs/in'), 'id')).toEqual({ kind: 's3', connectionId: 'id', bucket: 'logs', prefix: 'in/' });
    expect(() => toDestination(parseLocation('prod:'), 'id')).toThrowError(/names no bucket/);
  });
});
