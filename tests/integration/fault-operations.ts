/**
 * The fault matrix's operations, one helper each: what to seed, the `ferry`
 * command that does the operation, when it is mid-way and which request is
 * its end (for the faults that need to know), and the check afterwards,
 * which counts bytes lost, multipart uploads left open and files under a
 * final name that are not whole. Every check reads the servers directly and
 * hashes whole objects and files, so it does not trust what Ferry reports.
 */
import { GetObjectCommand, NoSuchKey } from '@aws-sdk/client-s3';
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { TestServer } from '../../e2e/servers/harness';
import { createBucket, putObject, sdkClient, uniqueBucket } from './support';
import type { MatrixOperation } from './fault-matrix';
import { openUploadCount } from './fault-matrix';
import type { SeenRequest } from './fault-proxy';

const MiB = 1024 * 1024;
/** Three parts at the 5 MiB minimum, so a fault can land in the middle of one object. */
export const BIG = 10 * MiB + 1000;

export interface Verdict {
  /** The operation's whole effect is there (every copy whole, every delete done, every move's source gone). */
  complete: boolean;
  bytesLost: number;
  orphanedUploads: number;
  partialFiles: number;
  /** Files under names Ferry never finished (temporary files left behind). */
  strayFiles: number;
}

export interface Seeded {
  /** The command and its operands, before the flags. */
  args: string[];
  /** Where a local destination is (the disk-full fault puts it on a small file system). */
  localDest?: string;
  /** True once the operation has done part of its work. */
  midway(seen: SeenRequest[]): boolean;
  /** The request that finishes the operation (`seen` holds it, last), and how to spoil it. */
  isEnd(r: SeenRequest, seen: SeenRequest[]): boolean;
  endHow: 'drop-after-server' | 'cut-before-end';
  verify(localDest?: string): Promise<Verdict>;
}

export interface Sides {
  src: TestServer;
  dst: TestServer;
  /** The test's own folder. */
  dir: string;
}

export interface Operation {
  name: MatrixOperation;
  /** Which connections it uses: the source's, and the destination's when that is another server. */
  crossCloud: boolean;
  /** Keeps a journal, so `ferry resume` carries on; otherwise running the command again is the resume. */
  journaled: boolean;
  /** Writes files on the local disk (so a full disk can hit it). */
  writesLocally: boolean;
  seed(s: Sides): Promise<Seeded>;
}

type Files = Map<string, Buffer>;

function dataset(): Files {
  return new Map([
    ['data/big.bin', randomBytes(BIG)],
    ['data/a.txt', randomBytes(100 * 1024)],
    ['data/sub/b.txt', randomBytes(50 * 1024 + 3)],
  ]);
}

async function seedBucket(s: TestServer, files: Files, tag: string): Promise<string> {
  const bucket = uniqueBucket(tag);
  await createBucket(s, bucket);
  await Promise.all([...files].map(([key, body]) => putObject(s, bucket, key, body)));
  return bucket;
}

async function objectOrNull(s: TestServer, bucket: string, key: string): Promise<Buffer | null> {
  try {
    const out = await sdkClient(s).send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    return Buffer.from(await (out.Body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray());
  } catch (err) {
    if (err instanceof NoSuchKey || (err as { name?: string }).name === 'NoSuchKey') return null;
    throw err;
  }
}

async function fileOrNull(file: string): Promise<Buffer | null> {
  return readFile(file).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return null;
    throw err;
  });
}

async function localFiles(dir: string): Promise<string[]> {
  const all = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return all.filter((d) => d.isFile()).map((d) => path.relative(dir, path.join(d.parentPath, d.name)));
}

/** A copy's check: every source whole at the destination; the sources untouched. */
async function checkCopies(
  files: Files,
  at: (key: string) => Promise<Buffer | null>,
  sourceNow: (key: string) => Promise<Buffer | null>,
): Promise<{ complete: boolean; bytesLost: number; partialFiles: number }> {
  let lost = 0;
  let partial = 0;
  let complete = true;
  for (const [key, body] of files) {
    const there = await at(key);
    const source = await sourceNow(key);
    if (!there?.equals(body)) complete = false;
    if (there && !there.equals(body)) partial++;
    // Lost: neither side holds the bytes whole any more.
    if (!there?.equals(body) && !source?.equals(body)) lost += body.length;
  }
  return { complete, bytesLost: lost, partialFiles: partial };
}

const partDone = (seen: SeenRequest[]) => seen.some((r) => r.method === 'PUT' && r.query.has('partNumber') && r.status === 200);
const bytesRead = (seen: SeenRequest[]) => seen.filter((r) => r.method === 'GET').reduce((n, r) => n + r.bytes, 0);
const completes = (r: SeenRequest) => r.method === 'POST' && r.query.has('uploadId');
/** A GET that reads the object to its last byte (whole, or the last range). */
const endsObject = (r: SeenRequest) => r.range === undefined || r.range.endsWith(`-${BIG - 1}`) || r.range.endsWith('-');
const deletes = (r: SeenRequest) => r.method === 'DELETE' || (r.method === 'POST' && r.query.has('delete'));

export const upload: Operation = {
  name: 'upload',
  crossCloud: false,
  journaled: true,
  writesLocally: false,
  async seed({ dst, dir }) {
    const files = dataset();
    const from = path.join(dir, 'from');
    for (const [key, body] of files) {
      await mkdir(path.dirname(path.join(from, key)), { recursive: true });
      await writeFile(path.join(from, key), body);
    }
    const bucket = uniqueBucket('fmup');
    await createBucket(dst, bucket);
    return {
      args: ['cp', '-r', path.join(from, 'data'), `src:${bucket}/`],
      midway: partDone,
      isEnd: completes,
      endHow: 'drop-after-server',
      async verify() {
        const c = await checkCopies(
          files,
          (k) => objectOrNull(dst, bucket, k),
          (k) => fileOrNull(path.join(from, k)),
        );
        return { ...c, orphanedUploads: await openUploadCount(dst, bucket), strayFiles: 0 };
      },
    };
  },
};

function toLocal(name: MatrixOperation, mode: 'cp' | 'mv'): Operation {
  return {
    name,
    crossCloud: false,
    journaled: true,
    writesLocally: true,
    async seed({ src, dir }) {
      const files = dataset();
      const bucket = await seedBucket(src, files, mode === 'cp' ? 'fmdown' : 'fmmove');
      const dest = path.join(dir, 'to');
      await mkdir(dest, { recursive: true });
      return {
        args: [mode, '-r', `src:${bucket}/data/`, dest],
        localDest: dest,
        midway: (seen) => bytesRead(seen) >= 3 * MiB,
        // A download ends with the last bytes of its biggest object; a move with the source's delete.
        isEnd: (r) => (mode === 'mv' ? deletes(r) : r.method === 'GET' && r.path.endsWith('/data/big.bin') && endsObject(r)),
        endHow: mode === 'mv' ? 'drop-after-server' : 'cut-before-end',
        async verify(at = dest) {
          const c = await checkCopies(
            files,
            (k) => fileOrNull(path.join(at, k)),
            (k) => objectOrNull(src, bucket, k),
          );
          let complete = c.complete;
          // A move is whole only once its sources are gone.
          if (mode === 'mv') for (const key of files.keys()) if ((await objectOrNull(src, bucket, key)) !== null) complete = false;
          const names = await localFiles(at);
          return {
            complete,
            bytesLost: c.bytesLost,
            partialFiles: c.partialFiles,
            orphanedUploads: 0,
            strayFiles: names.filter((n) => !files.has(n)).length,
          };
        },
      };
    },
  };
}

export const download = toLocal('download', 'cp');
export const move = toLocal('move', 'mv');

function s3ToS3(name: MatrixOperation, crossCloud: boolean): Operation {
  return {
    name,
    crossCloud,
    journaled: true,
    writesLocally: false,
    async seed({ src, dst }) {
      const files = dataset();
      const target = crossCloud ? dst : src;
      const from = await seedBucket(src, files, crossCloud ? 'fmxsrc' : 'fmssrc');
      const to = uniqueBucket(crossCloud ? 'fmxdst' : 'fmsdst');
      await createBucket(target, to);
      return {
        args: ['cp', '-r', `src:${from}/data/`, `${crossCloud ? 'dst' : 'src'}:${to}/`],
        midway: partDone,
        isEnd: completes,
        endHow: 'drop-after-server',
        async verify() {
          const c = await checkCopies(
            files,
            (k) => objectOrNull(target, to, k),
            (k) => objectOrNull(src, from, k),
          );
          const orphaned = (await openUploadCount(target, to)) + (await openUploadCount(src, from));
          return { ...c, orphanedUploads: orphaned, strayFiles: 0 };
        },
      };
    },
  };
}

export const crossCloudCopy = s3ToS3('cross-cloud copy', true);
export const serverSideCopy = s3ToS3('server-side copy', false);

export const remove: Operation = {
  name: 'delete',
  crossCloud: false,
  journaled: false,
  writesLocally: false,
  async seed({ src }) {
    const files = dataset();
    for (let i = 0; i < 24; i++) files.set(`data/many/${String(i).padStart(2, '0')}.txt`, randomBytes(512));
    // Beside the prefix: must survive every fault.
    const kept: Files = new Map([
      ['keep/one.bin', randomBytes(4096)],
      ['data-sibling.txt', randomBytes(300)],
    ]);
    const bucket = await seedBucket(src, new Map([...files, ...kept]), 'fmrm');
    return {
      args: ['rm', '-r', `src:${bucket}/data/`, '--batch-size', '2', '--batches', '1'],
      midway: (seen) => seen.filter((r) => deletes(r) && r.status === 200).length >= 3,
      // The last batch: 27 keys, 2 to a request.
      isEnd: (r, seen) => deletes(r) && seen.filter(deletes).length === Math.ceil(files.size / 2),
      endHow: 'drop-after-server',
      async verify() {
        let lost = 0;
        for (const [key, body] of kept) if (!(await objectOrNull(src, bucket, key))?.equals(body)) lost += body.length;
        let complete = true;
        for (const key of files.keys()) if ((await objectOrNull(src, bucket, key)) !== null) complete = false;
        return { complete, bytesLost: lost, partialFiles: 0, orphanedUploads: await openUploadCount(src, bucket), strayFiles: 0 };
      },
    };
  },
};

export const OPERATIONS: Operation[] = [upload, download, crossCloudCopy, serverSideCopy, move, remove];
