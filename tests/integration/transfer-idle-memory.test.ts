// An engine left idle gives its part buffers back: WebAssembly memory cannot shrink, so the grown arena is dropped
// whole (with the hash workers that see it) a moment after the last job stops and collected (nothing else would
// collect it in an idle process), and the next job starts a new, small one and still moves every byte intact. On MinIO.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sharedArena, type HashArena } from '../../app/transfer/hash/arena';
import { createBucket, objectBytes, server, sha256, uniqueBucket } from './support';
import { runJob, TransferTestCore } from './transfer-support';

const MiB = 1024 * 1024;
const minio = server('minio');
const t = new TransferTestCore({ partSize: 5 * MiB, partsInFlight: 6 });
let root: string | undefined;
afterAll(async () => {
  t.dispose();
  if (root) await rm(root, { recursive: true, force: true });
});

async function until(what: string, ok: () => boolean, timeoutMs = 15_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function weakArena(): WeakRef<HashArena> | null {
  const arena = sharedArena();
  return arena ? new WeakRef(arena) : null;
}

describe.skipIf(!minio)('part buffers after a job', () => {
  it('are given back once the engine is idle, and the next job gets a fresh arena', { timeout: 120_000 }, async () => {
    const s = minio as NonNullable<typeof minio>;
    // Held weakly, so that this test is not what keeps the arena alive.
    const first = weakArena();
    if (!first) return expect.fail('this Node has no shared WebAssembly memory');
    root = await mkdtemp(path.join(tmpdir(), 'ferry-idle-'));
    const bodies = [randomBytes(31 * MiB + 7), randomBytes(12 * MiB + 1)];
    for (const [i, body] of bodies.entries()) await writeFile(path.join(root, `big-${i}.bin`), body);
    const bucket = uniqueBucket('idle');
    await createBucket(s, bucket);
    const connectionId = await t.connect(s);
    const upload = (i: number) =>
      runJob(t, {
        sources: [{ kind: 'local', path: path.join(root as string, `big-${i}.bin`) }],
        destination: { kind: 's3', connectionId, bucket, prefix: '' },
        conflict: 'overwrite',
      });

    expect(await upload(0)).toMatchObject({ state: 'done', itemsDone: 1, itemsFailed: 0 });
    // Six 5 MiB parts in flight grew the arena past its first 16 MiB step.
    expect(first.deref()?.grownBytes).toBeGreaterThan(16 * MiB);
    await until('the idle engine drops the arena and its memory is collected', () => first.deref() === undefined);

    expect(await upload(1)).toMatchObject({ state: 'done', itemsDone: 1, itemsFailed: 0 });
    const second = sharedArena();
    // The second job hashed and sent its parts from the new arena, and gave them all back.
    expect(second?.grownBytes).toBeGreaterThan(MiB);
    for (const [i, body] of bodies.entries()) expect(sha256(await objectBytes(s, bucket, `big-${i}.bin`))).toBe(sha256(body));
  });
});
