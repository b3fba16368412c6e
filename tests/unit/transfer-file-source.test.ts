/**
 * Reading a local file for an upload: a small file is read whole and proved
 * to be the file that was planned (same size and time once read); a file
 * that changed since planning fails the item instead of sending other bytes.
 */
import { mkdtempSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resetQuickDisk } from '../../app/local/quick-disk';
import { slowDiskCall } from './support/slow-disk';
import type { ItemEnv, ItemWork } from '../../app/transfer/item/context';
import { BufferPool } from '../../app/transfer/hash/buffer-pool';
import { fileSource } from '../../app/transfer/methods/sources';

/** Only what a file source touches: no bandwidth limit, a byte counter, and the pool that mid-size files are read into. */
function env(counted: number[]): ItemEnv {
  return {
    scheduler: { bandwidth: null },
    buffers: new BufferPool(4),
    onBytes: (_item: ItemWork, n: number) => counted.push(n),
  } as unknown as ItemEnv;
}

const item = {} as ItemWork;

describe.each([
  ['on a quick disk (synchronous reads)', false],
  ['after a slow disk call (thread-pool reads)', true],
])('fileSource %s', (_name, slow) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'ferry-source-'));
  beforeEach(() => {
    if (slow) slowDiskCall();
  });
  afterEach(() => resetQuickDisk());

  it('reads a small file whole and counts its bytes once', async () => {
    const file = path.join(dir, 'small.bin');
    const bytes = Buffer.from('x'.repeat(5000));
    writeFileSync(file, bytes);
    const st = statSync(file);
    const counted: number[] = [];
    const source = fileSource(env(counted), item, file, { size: st.size, lastModified: st.mtimeMs });
    const out = await source.readAll(new AbortController().signal);
    await source.close();
    expect(out.bytes).toEqual(bytes);
    expect(counted).toEqual([5000]);
  });

  it('refuses a file whose size or time changed since it was planned', async () => {
    const file = path.join(dir, 'changed.bin');
    writeFileSync(file, 'planned');
    const planned = statSync(file);
    writeFileSync(file, 'grown since');
    const grown = fileSource(env([]), item, file, { size: planned.size, lastModified: planned.mtimeMs });
    await expect(grown.readAll(new AbortController().signal)).rejects.toThrow(/changed while it was being copied/);

    writeFileSync(file, 'same size');
    const st = statSync(file);
    utimesSync(file, new Date(st.mtimeMs + 60_000), new Date(st.mtimeMs + 60_000));
    const touched = fileSource(env([]), item, file, { size: st.size, lastModified: st.mtimeMs });
    await expect(touched.readAll(new AbortController().signal)).rejects.toThrow(/changed while it was being copied/);
  });

  it('reports a missing file as the file system said it', async () => {
    const gone = fileSource(env([]), item, path.join(dir, 'missing.bin'), { size: 3 });
    await expect(gone.readAll(new AbortController().signal)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
