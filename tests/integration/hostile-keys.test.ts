// The hostile-key corpus (tests/integration/hostile-keys.ts) through Ferry's
// core on every server: upload, list, download, copy to the next server, move,
// rename and delete. Each key comes back byte for byte, or Ferry refuses it
// and says why, with no request for it: Ferry's connection goes through a
// logging proxy, and the log is searched for every refused key. A key a
// server cannot store is declared below with the server's reason and
// asserted, never skipped.
import { DeleteObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ServerKind, TestServer } from '../../e2e/servers/harness';
import { startRequestLog, type RequestLog } from '../../e2e/servers/request-log';
import { createBucket, CoreUnderTest, sdkClient, servers, uniqueBucket } from './support';
import { hostileKeys, localNameProblem, localPathOf, overLimitKeys, unencodableKeys } from './hostile-keys';
import { allItems, runJob } from './transfer-support';
import type { JobSnapshot } from '../../app/api/types';

const all = servers();
const corpus = hostileKeys();
/** A folder marker is empty (servers that keep folders as directories refuse a body); a file holds its own key. */
const bodyOf = (key: string) => (key.endsWith('/') ? Buffer.alloc(0) : Buffer.from(`${key.length}:${key}`, 'utf8'));

/** Keys a server refuses to store, by server, with the server's reason (found by this test, asserted by it). */
const segments = (k: string) => (k.endsWith('/') ? k.slice(0, -1) : k).split('/');
const longestSegment = (k: string) => Math.max(...segments(k).map((p) => Buffer.byteLength(p)));
interface Limit {
  keys: (k: string) => boolean;
  reason: string;
  /** Keys not sent at all: they would take the server down for every other test. */
  unsafeToSend?: (k: string) => boolean;
}
/** Keys Ferry will not write: servers resolve "." and ".." and drop empty segments, so they would land under another name. */
const resolvedLikeAPath = (k: string) =>
  k.startsWith('/') || segments(k).slice(0, -1).includes('') || segments(k).some((p) => p === '.' || p === '..');
const CANNOT_STORE: Record<ServerKind, Limit> = {
  minio: {
    keys: (k) =>
      resolvedLikeAPath(k) ||
      k.includes('\0') ||
      k.split('\\').some((p) => p === '.' || p === '..' || p.endsWith('/..') || p.startsWith('../')) ||
      longestSegment(k) > 255,
    reason:
      'MinIO keeps an object as a file under its key (and stores "/a" as "a"): no NUL, no "." or ".." segment (backslash counts as a separator), no empty segment, no segment over 255 bytes',
  },
  versitygw: {
    // eslint-disable-next-line no-control-regex -- the characters its listing cannot carry
    keys: (k) => resolvedLikeAPath(k) || /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/.test(k) || longestSegment(k) > 255,
    reason:
      'versitygw keeps an object as a file under its key and resolves "." and ".." and "//" in the path: no NUL, no segment over 255 bytes; its listing ignores encoding-type=url, so a character XML cannot carry comes back as U+FFFD',
  },
  s3rver: {
    keys: (k) => (resolvedLikeAPath(k) && !/(^|\/)\.{1,2}$/.test(k)) || /[\0\r]/.test(k) || longestSegment(k) > 240,
    reason:
      's3rver resolves "." and ".." inside the path (a last segment "." or ".." it keeps) and stores an object under its key plus a suffix: no NUL, no empty segment; a segment past 240 bytes fails its write and stops the server; its listing ignores encoding-type=url, so a carriage return comes back as a line feed',
    unsafeToSend: (k) => longestSegment(k) > 240,
  },
};
/** What each server stored instead of the key it was sent (found by this test). */
const STORED_ELSEWHERE: Record<ServerKind, string[]> = {
  minio: ['leading'],
  versitygw: ['b', 'ctl/a\ufffdb.txt', 'ctl/\ufffd', 'dots/double', 'dots/here', 'escape', 'leading', 'xml/0-\ufffd', 'xml/1-\ufffd'],
  s3rver: ['b', 'dots/here', 'escape'],
};

const core = new CoreUnderTest();
const logs: RequestLog[] = [];
afterAll(async () => {
  await core.dispose();
  for (const log of logs) await log.stop();
});

/** Every key in a bucket, read with encoding-type=url so no control byte is lost in XML. */
async function serverKeys(s: TestServer, bucket: string): Promise<string[]> {
  const keys: string[] = [];
  let token: string | undefined;
  do {
    const out = await sdkClient(s).send(new ListObjectsV2Command({ Bucket: bucket, ContinuationToken: token, EncodingType: 'url' }));
    for (const o of out.Contents ?? []) {
      try {
        keys.push(out.EncodingType === 'url' ? decodeURIComponent((o.Key ?? '').replace(/\+/g, ' ')) : (o.Key ?? ''));
      } catch {
        throw new Error(`${s.label} sent ${JSON.stringify(o.Key)} as a url-encoded key, ${JSON.stringify(out.EncodingType)}`);
      }
    }
    token = out.IsTruncated ? out.NextContinuationToken : undefined;
  } while (token);
  return keys.sort();
}

/** Every object Ferry's pane lists under a bucket, folders walked. */
async function ferryKeys(connectionId: string, bucket: string, prefix = '', folders: string[] = []): Promise<string[]> {
  const keys: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await core.call<{ entries: { kind: string; id: string }[]; nextCursor?: string }>('browse.list', {
      location: { kind: 's3', connectionId, bucket, prefix },
      ...(cursor ? { cursor } : {}),
    });
    for (const e of page.entries) {
      if (e.kind === 'object') keys.push(e.id);
      else if (e.kind === 'folder' && e.id !== prefix) {
        folders.push(e.id);
        keys.push(...(await ferryKeys(connectionId, bucket, e.id, folders)));
      }
    }
    cursor = page.nextCursor;
  } while (cursor);
  return keys;
}

const sorted = (keys: string[]) => [...new Set(keys)].sort();

/** Requests the log holds for `key` in `bucket` (as an object path or a copy source), by method. */
function requestsFor(log: RequestLog, bucket: string, key: string): string[] {
  const decode = (p: string) => {
    try {
      return decodeURIComponent(p);
    } catch {
      return p;
    }
  };
  const target = `/${bucket}/${key}`;
  return log.requests
    .filter((r) => decode(r.path) === target || (r.copySource !== undefined && decode(r.copySource).replace(/^\/?/, '/') === target))
    .map((r) => `${r.method} ${r.path}`);
}

describe.runIf(all.length > 0).each(all.map((s, i) => [s.label, s, all[(i + 1) % all.length] as TestServer] as const))(
  'hostile keys on %s',
  (_label, s, next) => {
    it('has at least 200 keys, each at most 1,024 bytes, in every family', () => {
      expect(corpus.length).toBeGreaterThanOrEqual(200);
      expect(new Set(corpus.map((k) => k.family))).toEqual(
        new Set(['control', 'bidi', 'unicode', 'xml', 'percent-plus', 'dots', 'windows', 'length']),
      );
      expect(corpus.filter((k) => Buffer.byteLength(k.key) === 1024).length).toBeGreaterThanOrEqual(4);
    });

    it('round-trip through upload, list, download, copy, move, rename and delete', { timeout: 180_000 }, async () => {
      const log = await startRequestLog(s.endpoint);
      logs.push(log);
      const conn = await core.connect({ ...s, endpoint: log.endpoint });
      const bucket = uniqueBucket('hostile');
      await createBucket(s, bucket);
      const cannot = CANNOT_STORE[s.kind];
      let storable = corpus.filter((k) => !cannot.keys(k.key)).map((k) => k.key);

      // Seed: keys a local file can carry are uploaded by Ferry from a folder; the rest are put directly.
      const up = await mkdtemp(path.join(tmpdir(), 'ferry-hostile-up-'));
      const viaUpload = storable.filter((k) => !k.endsWith('/') && localNameProblem(k) === undefined);
      for (const k of viaUpload) {
        await mkdir(path.dirname(localPathOf(up, k)), { recursive: true });
        await writeFile(localPathOf(up, k), bodyOf(k));
      }
      const upJob = await runJob(core, {
        sources: (await readdir(up)).map((n) => ({ kind: 'local', path: path.join(up, n) })),
        destination: { kind: 's3', connectionId: conn, bucket, prefix: '' },
        conflict: 'overwrite',
      });
      const upFailed = (await allItems(core, upJob.id)).filter((i) => i.state === 'failed').map((i) => [i.destinationId, i.error]);
      expect(upFailed).toEqual([]);
      expect(upJob, JSON.stringify(upJob).slice(0, 600)).toMatchObject({ state: 'done', itemsFailed: 0, itemsDone: viaUpload.length });
      const refusedBy: Record<string, string> = {};
      for (const k of corpus.filter((c) => !viaUpload.includes(c.key) && !cannot.unsafeToSend?.(c.key))) {
        try {
          await sdkClient(s).send(new PutObjectCommand({ Bucket: bucket, Key: k.key, Body: bodyOf(k.key) }));
        } catch (err) {
          refusedBy[k.key] = (err as Error).name;
        }
      }
      // A server may also store a key under another name (MinIO drops a leading "/"): that counts as not stored.
      const held = new Set(await serverKeys(s, bucket));
      const altered = [...held].filter((k) => !storable.includes(k));
      expect(
        altered.map((k) => JSON.stringify(k)),
        'keys stored under another name',
      ).toEqual(STORED_ELSEWHERE[s.kind].map((k) => JSON.stringify(k)));
      for (const Key of altered) await sdkClient(s).send(new DeleteObjectCommand({ Bucket: bucket, Key }));
      const refusedKeys = sorted([...Object.keys(refusedBy), ...corpus.map((c) => c.key).filter((k) => !refusedBy[k] && !held.has(k))]);
      expect(
        refusedKeys.map((k) => JSON.stringify(k)),
        'keys the server refused',
      ).toEqual(sorted(corpus.map((c) => c.key).filter((k) => cannot.keys(k))).map((k) => JSON.stringify(k)));

      // A declared key the server took but lists as another is removed under its own name before the round trip.
      for (const k of corpus.filter((c) => cannot.keys(c.key) && !refusedBy[c.key] && !cannot.unsafeToSend?.(c.key)))
        await sdkClient(s).send(new DeleteObjectCommand({ Bucket: bucket, Key: k.key }));

      // List: the server holds exactly the corpus; Ferry's pane shows exactly those keys.
      expect(await serverKeys(s, bucket)).toEqual(sorted(storable));
      // A folder marker ("a/") is shown as the folder itself.
      const folders: string[] = [];
      // s3rver's own listing with a "/" delimiter leaves out the folders len/ and nf/ here (its flat listing has them): declared, asserted.
      const paneHides = (k: string) => s.kind === 's3rver' && /^(len|nf)\//.test(k);
      expect(sorted(await ferryKeys(conn, bucket, '', folders))).toEqual(sorted(storable.filter((k) => !k.endsWith('/') && !paneHides(k))));
      for (const marker of storable.filter((k) => k.endsWith('/'))) expect(folders).toContain(marker);

      // Download: every key that can be a local name arrives byte for byte; the others are refused with the reason.
      const down = await mkdtemp(path.join(tmpdir(), 'ferry-hostile-down-'));
      const downJob = await runJob(core, {
        sources: [{ kind: 's3-prefix', connectionId: conn, bucket, prefix: '' }],
        destination: { kind: 'local', path: down },
        conflict: 'overwrite',
      });
      const items = await allItems(core, downJob.id);
      const failed = Object.fromEntries(items.filter((i) => i.state === 'failed').map((i) => [(i.source as { key: string }).key, i.error]));
      const unsafe = storable.filter((k) => !k.endsWith('/') && localNameProblem(k) !== undefined);
      expect(
        sorted(Object.keys(failed)).map((k) => JSON.stringify(k)),
        JSON.stringify(failed).slice(0, 800),
      ).toEqual(sorted(unsafe).map((k) => JSON.stringify(k)));
      for (const k of unsafe) {
        expect(failed[k], JSON.stringify(k)).toMatchObject({
          code: 'unsafe-path',
          message: expect.stringContaining('is not a safe file name (it '),
        });
        // Refused before any request for it: the listing named it, nothing read it.
        expect(requestsFor(log, bucket, k), JSON.stringify(k)).toEqual([]);
      }
      // The log does see a key that was read (so the empty answers above are not the search missing).
      const read = storable.find((k) => !unsafe.includes(k) && !k.endsWith('/') && k.startsWith('ctl/')) as string;
      expect(requestsFor(log, bucket, read).filter((r) => r.startsWith('GET ')).length, JSON.stringify(read)).toBeGreaterThan(0);
      for (const k of storable.filter((c) => !unsafe.includes(c) && !c.endsWith('/')))
        expect(await readFile(localPathOf(down, k)), JSON.stringify(k)).toEqual(bodyOf(k));

      // Ferry refuses to write what it cannot write byte for byte (s3rver alone holds such keys); they leave the round trip here.
      const held2 = storable.filter((k) => resolvedLikeAPath(k));
      expect(held2.length > 0).toBe(s.kind === 's3rver');
      for (const Key of held2) await sdkClient(s).send(new DeleteObjectCommand({ Bucket: bucket, Key }));
      storable = storable.filter((k) => !resolvedLikeAPath(k));

      // Copy to the next server (cross-cloud when it is another kind).
      const nextConn = await core.connect(next);
      const nextBucket = uniqueBucket('hostile-copy');
      await createBucket(next, nextBucket);
      const nextCannot = CANNOT_STORE[next.kind];
      // Keys the next server cannot store are sent and fail there, named; those that would stop it are not sent.
      for (const Key of storable.filter((k) => nextCannot.unsafeToSend?.(k)))
        await sdkClient(s).send(new DeleteObjectCommand({ Bucket: bucket, Key }));
      const sent = storable.filter((k) => !nextCannot.unsafeToSend?.(k));
      const copyJob = await runJob(core, {
        sources: [{ kind: 's3-prefix', connectionId: conn, bucket, prefix: '' }],
        destination: { kind: 's3', connectionId: nextConn, bucket: nextBucket, prefix: '' },
        conflict: 'overwrite',
      });
      const copyable = sent.filter((k) => !nextCannot.keys(k));
      const copyFailed = (await allItems(core, copyJob.id))
        .filter((i) => i.state === 'failed')
        .map((i) => (i.source as { key: string }).key);
      // Every key the next server can hold arrives under its own name; only keys it cannot hold may fail.
      expect(copyFailed.filter((k) => !nextCannot.keys(k)).map((k) => JSON.stringify(k))).toEqual([]);
      const nextHeld = new Set(await serverKeys(next, nextBucket));
      expect(copyable.filter((k) => !nextHeld.has(k)).map((k) => JSON.stringify(k))).toEqual([]);
      storable = sent;

      // Move inside the server to a second bucket: the source empties, the target holds every key.
      const moved = uniqueBucket('hostile-move');
      await createBucket(s, moved);
      const moveJob = await runJob(core, {
        sources: [{ kind: 's3-prefix', connectionId: conn, bucket, prefix: '' }],
        destination: { kind: 's3', connectionId: conn, bucket: moved, prefix: '' },
        mode: 'move',
        conflict: 'overwrite',
      });
      const moveFailed = (await allItems(core, moveJob.id))
        .filter((i) => i.state === 'failed')
        .map((i) => [(i.source as { key: string }).key, i.error?.message]);
      // s3rver decodes x-amz-copy-source like decodeURI: a source key holding ;?:@&=+$,# is not found, or (a "+") another key is copied, which Ferry's check after the copy catches.
      const copySourceLost = (k: string) => s.kind === 's3rver' && /[;?:@&=+$,#]/.test(k);
      const stuck = storable.filter(copySourceLost);
      expect(sorted(moveFailed.map(([k]) => k as string))).toEqual(sorted(stuck));
      for (const [, message] of moveFailed) expect(message).toMatch(/NoSuchKey|Integrity check failed/);
      expect(await serverKeys(s, bucket)).toEqual(sorted(stuck));
      const deletedStuck = await core.call<{ failed: number }>('delete.run', {
        selection: { kind: 's3', connectionId: conn, bucket, objects: stuck.map((key) => ({ key })), folders: [] },
      });
      expect(deletedStuck).toMatchObject({ failed: 0 });
      expect(await serverKeys(s, bucket)).toEqual([]);
      storable = storable.filter((k) => !copySourceLost(k));
      // A copy that failed its check (s3rver copied another key) is removed again by Ferry, and the item says so.
      for (const [, message] of moveFailed.filter(([, m]) => /Integrity check failed/.test(m ?? '')))
        expect(message).toContain('Ferry removed what it wrote');
      expect(await serverKeys(s, moved)).toEqual(sorted(storable));

      // Rename each object to its name plus "~"; a name that would pass 1,024 bytes is refused before any request.
      const renamed: string[] = [];
      const jobs: Promise<JobSnapshot>[] = [];
      for (const k of storable.filter((c) => !c.endsWith('/'))) {
        // One more character, or the last one changed where the name is at the 255-byte file-name limit.
        const last = k.slice(k.lastIndexOf('/') + 1);
        const name = Buffer.byteLength(last) >= 255 ? `${last.slice(0, -1)}~` : `${last}~`;
        const out = await core.core.dispatch('entry.rename', { item: { kind: 's3', connectionId: conn, bucket: moved, key: k }, name });
        if (Buffer.byteLength(k) + 1 > 1024) {
          expect(out.ok ? undefined : out.error, JSON.stringify(k)).toMatchObject({
            code: 'invalid-arguments',
            message: expect.stringContaining('1025 bytes'),
          });
          expect(requestsFor(log, moved, k.slice(0, k.lastIndexOf('/') + 1) + name), JSON.stringify(k)).toEqual([]);
          renamed.push(k);
          continue;
        }
        if (!out.ok) throw new Error(`rename of ${JSON.stringify(k)}: ${out.error.code}: ${out.error.message}`);
        const value = out.value as { id: string; job: JobSnapshot };
        expect(value.id).toBe(k.slice(0, k.lastIndexOf('/') + 1) + name);
        renamed.push(value.id);
        jobs.push(core.finished(value.job.id));
      }
      for (const j of await Promise.all(jobs)) expect(j).toMatchObject({ state: 'done', itemsFailed: 0 });
      const markers = storable.filter((c) => c.endsWith('/'));
      expect(await serverKeys(s, moved)).toEqual(sorted([...renamed, ...markers]));

      // Delete them all in one run.
      const del = await core.call<{ deleted: number; failed: number; failures: { key: string; code: string; message: string }[] }>(
        'delete.run',
        {
          selection: {
            kind: 's3',
            connectionId: conn,
            bucket: moved,
            objects: [...renamed, ...markers].map((key) => ({ key })),
            folders: [],
          },
        },
      );
      // s3rver's DeleteObjects answer does not carry a key holding U+0085 back intact, so Ferry cannot count it as deleted.
      const unconfirmed = s.kind === 's3rver' ? renamed.filter((k) => k.includes('\u0085')) : [];
      expect(del.failures.map((f) => [f.key, f.code])).toEqual(unconfirmed.map((k) => [k, 'unconfirmed']));
      for (const Key of unconfirmed) await sdkClient(s).send(new DeleteObjectCommand({ Bucket: moved, Key }));
      expect(await serverKeys(s, moved)).toEqual([]);
    });
  },
);

describe.runIf(all.length > 0)('keys Ferry refuses before any request', () => {
  it('refuses keys past 1,024 bytes and keys with no UTF-8 form, naming why, with no request for them', async () => {
    const s = all[0] as TestServer;
    const log = await startRequestLog(s.endpoint);
    logs.push(log);
    const conn = await core.connect({ ...s, endpoint: log.endpoint });
    const bucket = uniqueBucket('refused');
    await createBucket(s, bucket);
    const keys = [...overLimitKeys(), ...unencodableKeys()];
    for (const k of keys) {
      const out = await core.core.dispatch('transfer.start', {
        sources: [{ kind: 's3', connectionId: conn, bucket, key: k.key }],
        destination: { kind: 'local', path: tmpdir() },
      });
      expect(out.ok ? undefined : out.error, k.label).toMatchObject({ code: 'invalid-arguments' });
      if (!out.ok) expect(out.error.message, k.label).toMatch(k.family === 'length' ? /1024 bytes/ : /UTF-8|surrogate/);
    }
    // Counted where requests go, not inferred from the error: nothing reached the server for this bucket.
    expect(log.requests.filter((r) => r.path.startsWith(`/${bucket}`)).map((r) => `${r.method} ${r.path}`)).toEqual([]);
    // The same connection still reaches it.
    const listed = await core.call<{ entries: unknown[] }>('browse.list', {
      location: { kind: 's3', connectionId: conn, bucket, prefix: '' },
    });
    expect(listed.entries).toEqual([]);
    expect(log.requests.filter((r) => r.path.startsWith(`/${bucket}`)).length).toBeGreaterThan(0);
  });
});
