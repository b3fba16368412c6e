// Serve mode's --root and the links a job finds inside it: the call names a
// folder inside the root, but the planner walks into a link to a file outside
// (a read) or a download lands under a link to a folder outside (a write).
// Each such item is refused with the roots named; everything else goes
// through, and nothing outside is read into the cloud or written.
import { mkdir, mkdtemp, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CallName } from '../../app/api/contract';
import { createCore } from '../../app/core/ferry-core';
import type { TestServer } from '../../e2e/servers/harness';
import { createBucket, expectOk, putObject, sdkClient, server, uniqueBucket } from './support';
import { allItems, listKeys, runJob, type TestCore } from './transfer-support';

const minio = server('minio');

describe.runIf(minio)('--root and links inside it (MinIO)', () => {
  const s = minio as TestServer;
  const root = mkdtempSync(path.join(tmpdir(), 'ferry-root-'));
  const outside = mkdtempSync(path.join(tmpdir(), 'ferry-outside-'));
  const core = createCore({
    shell: 'serve',
    homeDir: root,
    userDataDir: mkdtempSync(path.join(tmpdir(), 'ferry-data-')),
    localRoots: [root],
  });
  const t: TestCore = { core, call: <T>(method: CallName, args: unknown) => expectOk<T>(core.dispatch(method, args)) };
  afterAll(() => core.dispose());

  const connect = () =>
    t.call<{ id: string }>('connections.add', {
      label: s.label,
      endpoint: s.endpoint,
      region: s.region,
      accessKeyId: s.accessKeyId,
      secretAccessKey: s.secretAccessKey,
      pathStyle: true,
    });

  it('does not upload a file a link inside the root points to outside', async () => {
    const bucket = uniqueBucket('roots-read');
    await createBucket(s, bucket);
    const { id } = await connect();
    const folder = path.join(root, 'up');
    await mkdir(folder);
    await writeFile(path.join(folder, 'inside.txt'), 'inside');
    await writeFile(path.join(outside, 'secret.txt'), 'top secret content');
    await symlink(path.join(outside, 'secret.txt'), path.join(folder, 'link-to-secret.txt'));
    const job = await runJob(t, {
      sources: [{ kind: 'local', path: folder }],
      destination: { kind: 's3', connectionId: id, bucket, prefix: '' },
      conflict: 'overwrite',
    });
    const items = await allItems(t, job.id);
    const refused = items.filter((i) => i.state === 'failed');
    expect(refused.map((i) => i.error)).toEqual([
      expect.objectContaining({ code: 'unsafe-path', message: expect.stringContaining('outside the folders this Ferry may use') }),
    ]);
    expect(await listKeys(sdkClient(s), bucket)).toEqual(['up/inside.txt']);
  });

  it('does not walk a link inside the root to a folder outside, and names it among the failures', async () => {
    const bucket = uniqueBucket('roots-walk');
    await createBucket(s, bucket);
    const { id } = await connect();
    const folder = await mkdtemp(path.join(root, 'walk-'));
    await writeFile(path.join(folder, 'inside.txt'), 'inside');
    const secrets = await mkdtemp(path.join(outside, 'secrets-'));
    await writeFile(path.join(secrets, 'private.key'), 'top secret key');
    await symlink(secrets, path.join(folder, 'linked'));
    const job = await runJob(t, {
      sources: [{ kind: 'local', path: folder }],
      destination: { kind: 's3', connectionId: id, bucket, prefix: '' },
      conflict: 'overwrite',
    });
    const items = await allItems(t, job.id);
    expect(items.filter((i) => i.state === 'failed').map((i) => [(i.source as { path: string }).path, i.error?.code])).toEqual([
      [path.join(folder, 'linked'), 'unsafe-path'],
    ]);
    expect(await listKeys(sdkClient(s), bucket)).toEqual([`${path.basename(folder)}/inside.txt`]);
  });

  it('does not download through a link inside the root to a folder outside', async () => {
    const bucket = uniqueBucket('roots-write');
    await createBucket(s, bucket);
    await putObject(s, bucket, 'escape/planted.txt', Buffer.from('planted'));
    await putObject(s, bucket, 'fine/kept.txt', Buffer.from('kept'));
    const { id } = await connect();
    const into = await mkdtemp(path.join(root, 'down-'));
    const landing = await mkdtemp(path.join(outside, 'landing-'));
    await symlink(landing, path.join(into, 'escape'));
    const job = await runJob(t, {
      sources: [{ kind: 's3-prefix', connectionId: id, bucket, prefix: '' }],
      destination: { kind: 'local', path: into },
      conflict: 'overwrite',
    });
    const items = await allItems(t, job.id);
    expect(items.filter((i) => i.state === 'failed').map((i) => [(i.source as { key: string }).key, i.error?.code])).toEqual([
      ['escape/planted.txt', 'unsafe-path'],
    ]);
    expect(await readdir(landing)).toEqual([]);
    expect(await readFile(path.join(into, 'fine', 'kept.txt'), 'utf8')).toBe('kept');
  });
});
