// A connection named by FERRY_<NAME>_* lives for one run of `ferry`, but
// what its server taught a run by being written to (here: whether it honours
// If-None-Match) is kept in the data folder, so the next run does not write
// under .ferry-probe/ to find out again. A logging proxy in front of real
// MinIO counts the probe's PUTs; s3rver's "ignored" is kept too. So is
// whether a copy inside the server keeps the source's tags (s3rver's copies drop
// them: Ferry then writes them itself).
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFaultProxy, type FaultProxy } from './fault-proxy';
import { GetObjectTaggingCommand, PutObjectTaggingCommand } from '@aws-sdk/client-s3';
import { createBucket, objectBytes, putObject, sdkClient, servers, uniqueBucket } from './support';
import { buildCli, cliEnv, listKeys, runCli } from './transfer-support';

describe.each(servers().map((s) => [s.label, s] as const))('what a run learnt, on %s', (_label, s) => {
  let proxy: FaultProxy;
  beforeAll(async () => {
    proxy = await startFaultProxy(s.endpoint);
  });
  afterAll(() => proxy.close());

  it('is kept for the next run, which does not probe again', { timeout: 60_000 }, async () => {
    const bucket = uniqueBucket('learnt');
    await createBucket(s, bucket);
    const dir = await mkdtemp(path.join(tmpdir(), 'ferry-learnt-'));
    const data = await mkdtemp(path.join(tmpdir(), 'ferry-learnt-data-'));
    const env = { ...cliEnv('lab', s, proxy.endpoint), FERRY_DATA_DIR: data };
    const cli = await buildCli();
    const probes = () => proxy.seen.filter((r) => r.method === 'PUT' && r.path.endsWith('/.ferry-probe/conditional-writes')).length;

    await writeFile(path.join(dir, 'ledger.csv'), 'first');
    for (let run = 0; run < 3; run++) {
      const out = await runCli(cli, ['cp', '--conflict', 'skip', path.join(dir, 'ledger.csv'), `lab:${bucket}/`], env);
      expect(out.code, out.stderr).toBe(0);
      // The first run asks (a plain PUT, then one with If-None-Match); the later ones know.
      expect(probes(), `after run ${run + 1}`).toBe(2);
      await writeFile(path.join(dir, 'ledger.csv'), `changed ${run}`);
    }
    expect((await objectBytes(s, bucket, 'ledger.csv')).toString()).toBe('first');
    // The file names neither the endpoint nor the key: a hash, and the answer.
    const kept = await readFile(path.join(data, 'cli-learnt.json'), 'utf8');
    expect(Object.values(JSON.parse(kept) as Record<string, unknown>)).toEqual([
      { conditionalWrites: s.kind === 's3rver' ? 'ignored' : 'honoured' },
    ]);
    expect(kept).not.toContain(s.accessKeyId);
    expect(kept).not.toContain('127.0.0.1');

    // Another data folder knows nothing: it asks.
    const fresh = { ...env, FERRY_DATA_DIR: await mkdtemp(path.join(tmpdir(), 'ferry-learnt-data-')) };
    expect((await runCli(cli, ['cp', '--conflict', 'skip', path.join(dir, 'ledger.csv'), `lab:${bucket}/`], fresh)).code).toBe(0);
    expect(probes()).toBe(4);
  });
});

describe.each(servers().map((s) => [s.label, s] as const))('whether a copy keeps tags, on %s', (_label, s) => {
  let proxy: FaultProxy;
  beforeAll(async () => {
    proxy = await startFaultProxy(s.endpoint);
  });
  afterAll(() => proxy.close());

  it(
    'is asked by the first copy inside the server and kept for the next runs, which carry tags all the same',
    { timeout: 60_000 },
    async () => {
      const bucket = uniqueBucket('learnt-tags');
      await createBucket(s, bucket);
      await putObject(s, bucket, 'src/a.txt', Buffer.from('tagged\n'));
      await sdkClient(s).send(
        new PutObjectTaggingCommand({ Bucket: bucket, Key: 'src/a.txt', Tagging: { TagSet: [{ Key: 'team', Value: 'ledger' }] } }),
      );
      const data = await mkdtemp(path.join(tmpdir(), 'ferry-learnt-data-'));
      const env = { ...cliEnv('lab', s, proxy.endpoint), FERRY_DATA_DIR: data };
      const cli = await buildCli();
      const probes = () => proxy.seen.filter((r) => r.method === 'PUT' && r.path.endsWith('/.ferry-probe/copy-tags')).length;

      for (let run = 0; run < 3; run++) {
        const out = await runCli(cli, ['cp', `lab:${bucket}/src/a.txt`, `lab:${bucket}/copy${run}/`], env);
        expect(out.code, out.stderr).toBe(0);
        expect(probes(), `after run ${run + 1}`).toBe(1);
        const tags = await sdkClient(s).send(new GetObjectTaggingCommand({ Bucket: bucket, Key: `copy${run}/a.txt` }));
        expect(tags.TagSet).toEqual([{ Key: 'team', Value: 'ledger' }]);
      }
      const kept = JSON.parse(await readFile(path.join(data, 'cli-learnt.json'), 'utf8')) as Record<string, { copyTags?: string }>;
      expect(Object.values(kept).map((k) => k.copyTags)).toEqual([s.kind === 's3rver' ? 'dropped' : 'kept']);
      expect(await listKeys(sdkClient(s), bucket, '.ferry-probe/')).toEqual([]);
    },
  );
});
