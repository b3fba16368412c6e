/**
 * Writing an item to local disk. Bytes go to a temp file beside the target
 * and are renamed onto it only once size and hash check out, so a failure or
 * a crash never leaves a half-written file under the real name. Free space is
 * checked first; a full disk (ENOSPC) removes the temp file and fails the
 * item. Large objects download as parallel ranged GETs written in place; when
 * the source's ETag is a multipart ETag, the ranges follow the source's own
 * part boundaries, so the MD5 of each range rebuilds that ETag exactly.
 * Objects up to 1 MiB take the lighter path of write-small-file.ts.
 *
 * An object that keeps a full-object CRC32 (asked for with checksum mode on
 * its GET, or on a HEAD before ranged reads) is checked by it instead: any
 * range layout works, each range's CRC is taken as its blocks reach the disk,
 * and the ranges' CRCs are joined into the whole's. No MD5 is computed.
 * The GETs themselves, and the HEADs that choose the check, are in
 * download-reads.ts.
 */
import { createHash, randomBytes } from 'node:crypto';
import { copyFile, mkdir, open, rm, stat, statfs, utimes } from 'node:fs/promises';
import path from 'node:path';
import { FerryError } from '../../api/errors.js';
import { isPlainMd5, mismatch, normalizeEtag, compositeEtag, sizeMismatch, type HashCheck } from '../item/integrity.js';
import { type ItemEnv, type ItemWork, type RestoredDownload, type S3Origin, type SourceInfo, type WriteOutcome } from '../item/context.js';
import { anySignal } from '../../base/semaphore.js';
import { partCount, partRange } from '../tuning.js';
import { crcMismatch } from '../item/checksums.js';
import { crc32Join } from '../hash/crc32.js';
import { quickRename } from '../../local/quick-disk.js';
import { downloadRange, downloadWhole, keptCrc, sourcePartSize } from './download-reads.js';
import { ignoresRanges, RangesIgnored } from './ranges-ignored.js';

async function ensureSpace(dir: string, size: number): Promise<void> {
  // The target's folder may not exist yet: ask the nearest one that does (it is on the same disk).
  let at = dir;
  let fs = await statfs(at).catch(() => null);
  while (!fs && path.dirname(at) !== at) {
    at = path.dirname(at);
    fs = await statfs(at).catch(() => null);
  }
  if (!fs) return;
  const free = fs.bavail * fs.bsize;
  if (free < size) {
    throw new FerryError('local-fs', `Not enough free space in ${dir}: ${size} bytes needed, ${free} available.`, {
      details: { errno: 'ENOSPC', path: dir, needed: size, free },
    });
  }
}

/**
 * Temp names are unique by a tag drawn once per process and a counter: random
 * bytes per file cost ~10 µs each, a tenth of a second on ten thousand small
 * downloads, for nothing a counter does not give.
 */
const PROCESS_TAG = randomBytes(4).toString('hex');
let tempSeq = 0;

/** The longest file name (in bytes) the common file systems allow: ext4, APFS, NTFS (in UTF-16 units, looser). */
const NAME_MAX = 255;

/** The longest start of `text` that is at most `bytes` long in UTF-8, never splitting a character. */
function utf8Prefix(text: string, bytes: number): string {
  const buf = Buffer.from(text, 'utf8');
  if (buf.length <= bytes) return text;
  let end = bytes;
  // Back off continuation bytes (10xxxxxx) to the start of the character that did not fit.
  while (end > 0 && ((buf[end] ?? 0) & 0xc0) === 0x80) end--;
  return buf.subarray(0, end).toString('utf8');
}

/**
 * A temp name beside the target. A target name near the 255-byte limit (legal, and common for generated
 * keys) would make `.<name>.ferry-….part` too long to create; its start is kept and a hash of the whole
 * name stands for the rest, so two long names that share a start still get different temps.
 */
export function tempBeside(target: string): string {
  const base = path.basename(target);
  const tail = `.ferry-${PROCESS_TAG}${(++tempSeq).toString(36)}.part`;
  let name = `.${base}${tail}`;
  if (Buffer.byteLength(name) > NAME_MAX) {
    const hash = createHash('sha256').update(base).digest('hex').slice(0, 12);
    name = `.${utf8Prefix(base, NAME_MAX - Buffer.byteLength(tail) - hash.length - 2)}~${hash}${tail}`;
  }
  return path.join(path.dirname(target), name);
}

/** A disk that filled up mid-write, named by folder and file (Node's own message names neither). */
function diskFull(target: string, bytes: number, cause: unknown): FerryError {
  const dir = path.dirname(target);
  return new FerryError(
    'local-fs',
    `Not enough free space in ${dir}: the disk filled up while writing ${path.basename(target)} (${bytes} bytes).`,
    {
      details: { errno: 'ENOSPC', path: dir, needed: bytes },
      cause,
    },
  );
}

/**
 * Objects up to this size are downloaded whole into memory (write-small-file.ts); larger ones are written as their
 * bytes arrive, and their temps are on record in the journal before their first byte (viaTemp).
 */
export const SMALL_FILE_BYTES = 1024 * 1024;

/**
 * Runs `write` into a temp file beside `target` (the writer makes the folder
 * when it needs to), renames it onto the target, and removes the temp on any
 * failure; the journal knows the temp while it exists. A run stopped by a
 * pause (or a lost connection or credentials) may keep a ranged download's
 * temp instead: `paused` says what of it can be reused, and the item resumes
 * from there, as after a kill. A cancel removes it with the item's other
 * leftovers.
 */
export async function viaTemp<T>(
  env: ItemEnv,
  item: ItemWork,
  target: string,
  write: (temp: string) => Promise<T>,
  reuse?: string,
  paused?: (temp: string) => RestoredDownload | undefined,
): Promise<T> {
  // A temp a killed or paused run left (its ranges journaled) is written on; otherwise a new one.
  const temp = reuse ?? tempBeside(target);
  item.tempPath = temp;
  if (!reuse) {
    env.journal?.append({ t: 'tmp', id: item.planned.id, path: temp });
    // A temp that takes a while to fill is named in the journal before it exists: a kill while it fills then leaves a
    // record, and the resume removes the temp (or goes on with its ranges). A small file's temp lives for one write and
    // a rename, too short a window to pay a journal write per file for.
    if (item.bytesTotal > SMALL_FILE_BYTES) await env.journal?.flush();
  }
  let kept = false;
  try {
    const check = await write(temp);
    await quickRename(temp, target);
    return check;
  } catch (err) {
    const keep = env.signal.aborted ? paused?.(temp) : undefined;
    if (keep) {
      item.download = keep;
      kept = true;
      throw err;
    }
    await rm(temp, { force: true });
    // Free space is checked before a download starts, but other writers (or this job's other items) can take it meanwhile.
    if ((err as NodeJS.ErrnoException | null)?.code === 'ENOSPC') throw diskFull(target, item.bytesTotal, err);
    throw err;
  } finally {
    delete item.tempPath;
    if (!kept) {
      delete item.download;
      env.journal?.append({ t: 'tmp-end', id: item.planned.id });
    }
  }
}

export async function downloadToFile(
  env: ItemEnv,
  item: ItemWork,
  from: S3Origin,
  info: SourceInfo,
  target: string,
): Promise<WriteOutcome> {
  const restored = await reusableDownload(item, info, env.tuning.multipartThreshold);
  if (!restored) await ensureSpace(path.dirname(target), info.size);
  // Ranges whose bytes are written (and journaled): what a pause keeps.
  let progress: Omit<RestoredDownload, 'path'> | undefined;
  const check = await viaTemp(
    env,
    item,
    target,
    async (temp) => {
      await mkdir(path.dirname(temp), { recursive: true });
      // A restored temp is written in place: its finished ranges stay, the rest is written over. Readable too: a
      // download that came as one stream may read its parts back (partMd5s).
      const handle = await open(temp, restored ? 'r+' : 'w+');
      let check: HashCheck = 'size';
      try {
        if (info.size <= env.tuning.multipartThreshold || (!restored && ignoresRanges(from.conn.summary.endpoint))) {
          check = await downloadWhole(env, item, from, info, handle, target);
        } else {
          // A kept CRC32 checks any range layout; only without one do ranges follow the source's parts (for its ETag).
          const kept = await keptCrc(env, from, info);
          const aligned =
            kept !== undefined
              ? undefined
              : restored
                ? restored.aligned
                  ? restored.partSize
                  : undefined
                : await sourcePartSize(env, from, info);
          const partSize = restored?.partSize ?? aligned ?? env.tuning.partSize;
          const total = partCount(info.size, partSize);
          const md5s: (string | undefined)[] = new Array<string | undefined>(total);
          // Filled, not sparse: a hole (a range a killed run wrote) must read as undefined to every() below.
          const crcs: (number | undefined)[] = new Array<number | undefined>(total).fill(undefined);
          const id = item.planned.id;
          if (!restored) {
            env.journal?.append({
              t: 'dl',
              id,
              path: temp,
              etag: info.etag ?? '',
              size: info.size,
              partSize,
              aligned: aligned !== undefined,
            });
          }
          // Ranges a killed run finished (journaled after their bytes were written) are kept, not fetched again.
          for (const [n, md5] of restored?.ranges ?? []) {
            md5s[n - 1] = md5 || undefined;
            const r = partRange(n, partSize, info.size);
            env.onBytes(item, r.end - r.start);
          }
          const finished = new Map(restored?.ranges ?? []);
          progress = { id, etag: info.etag ?? '', size: info.size, partSize, aligned: aligned !== undefined, ranges: finished };
          const queue = Array.from({ length: total }, (_, i) => i + 1).filter((n) => !finished.has(n));
          const stop = new AbortController();
          const signal = anySignal([env.signal, stop.signal]);
          const worker = async () => {
            for (let n = queue.shift(); n !== undefined; n = queue.shift()) {
              const held = await env.scheduler.parts.acquire(1, signal);
              try {
                // Only ranges on the source's part boundaries rebuild its ETag; other ranges are not worth hashing.
                const range = partRange(n, partSize, info.size);
                const got = await downloadRange(
                  env,
                  item,
                  from,
                  info,
                  handle,
                  range,
                  { md5: aligned !== undefined, crc: kept !== undefined, ask: false },
                  signal,
                );
                const md5 = got.md5;
                md5s[n - 1] = md5;
                crcs[n - 1] = got.crc;
                env.journal?.append({ t: 'range', id, n, ...(md5 ? { md5 } : {}) });
                finished.set(n, md5 ?? '');
              } finally {
                env.scheduler.parts.release(held);
              }
            }
          };
          const results = await Promise.allSettled(
            Array.from({ length: Math.min(env.tuning.partsInFlight, total) }, () =>
              worker().catch((err: unknown) => {
                stop.abort(err);
                throw err;
              }),
            ),
          );
          const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
          // The first failure stopped the others: it is the one that says why.
          const why: unknown = env.signal.aborted ? env.signal.reason : stop.signal.aborted ? stop.signal.reason : failed?.reason;
          if (why instanceof RangesIgnored) {
            // The server sends whole objects only: one stream from the start, and nothing of the ranges to keep on a pause.
            progress = undefined;
            check = await downloadWhole(env, item, from, info, handle, target, {
              ...(kept !== undefined ? { crc: kept } : {}),
              ...(aligned !== undefined ? { partSize: aligned } : {}),
            });
          } else if (failed) throw why;
          else if (kept !== undefined) {
            // Ranges a killed run wrote have no CRC here: then the file is read back once (still a fifth of MD5's cost).
            let whole: number;
            if (crcs.every((c) => c !== undefined)) {
              whole = crc32Join(
                crcs.map((c, i) => {
                  const r = partRange(i + 1, partSize, info.size);
                  return { crc: c ?? 0, length: r.end - r.start };
                }),
              );
            } else {
              await handle.sync();
              whole = await env.hashes.crc32File(temp);
            }
            if (whole !== kept) throw crcMismatch(kept, whole, { path: target });
            check = 'crc32';
          } else if (aligned) {
            const built = compositeEtag(md5s.map((m) => m ?? ''));
            if (built !== normalizeEtag(info.etag)) throw mismatch(info.etag, built, { path: target });
            check = 'multipart-etag';
          } else if (isPlainMd5(info.etag)) {
            await handle.sync();
            // One MD5 over the whole file, read back by a hash worker: the event loop stays free meanwhile.
            const md5 = await env.hashes.md5File(temp);
            if (md5 !== normalizeEtag(info.etag)) throw mismatch(info.etag, md5, { path: target });
            check = 'md5';
          }
        }
        const written = (await handle.stat()).size;
        if (written !== info.size) throw sizeMismatch(written, info.size, { path: target });
      } finally {
        await handle.close();
      }
      return check;
    },
    restored?.path,
    // Only a source with an ETag can be proven unchanged on resume (reusableDownload checks it).
    (temp) => (progress && progress.etag !== '' && progress.ranges.size > 0 ? { ...progress, path: temp } : undefined),
  );
  if (info.lastModified) {
    const when = new Date(info.lastModified);
    await utimes(target, when, when).catch(() => undefined);
  }
  return { method: 'download', check };
}

/**
 * The download a killed run left for this item, when it can go on: the
 * source is the same object (size and ETag), it is still a ranged download,
 * and the temp file is still there. Otherwise its temp goes and the download
 * starts over.
 */
async function reusableDownload(item: ItemWork, info: SourceInfo, threshold: number): Promise<RestoredDownload | undefined> {
  const d = item.download;
  if (!d) return undefined;
  const same = d.etag !== '' && d.etag === (info.etag ?? '') && d.size === info.size && info.size > threshold;
  const present =
    same &&
    (await stat(d.path).then(
      (s) => s.isFile(),
      () => false,
    ));
  if (present) return d;
  await rm(d.path, { force: true });
  delete item.download;
  return undefined;
}

/** Local to local: a plain file copy through a temp file, checked by size. */
export async function copyLocalFile(env: ItemEnv, item: ItemWork, file: string, info: SourceInfo, target: string): Promise<WriteOutcome> {
  await ensureSpace(path.dirname(target), info.size);
  const check = await viaTemp(env, item, target, async (temp) => {
    await mkdir(path.dirname(temp), { recursive: true });
    await copyFile(file, temp);
    const handle = await open(temp, 'r');
    try {
      const size = (await handle.stat()).size;
      if (size !== info.size) throw sizeMismatch(size, info.size, { path: target });
    } finally {
      await handle.close();
    }
    env.onBytes(item, info.size);
    return 'size' as const;
  });
  return { method: 'download', check };
}

export async function makeFolder(target: string): Promise<WriteOutcome> {
  await mkdir(target, { recursive: true });
  return { method: 'download', check: 'size' };
}
