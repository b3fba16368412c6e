/**
 * Where a browser's dropped files land before they are uploaded. Serve mode
 * has no paths for them, so their bytes stream over HTTP into a folder under
 * the user-data folder; committing turns that folder into the sources of an
 * ordinary transfer job, which then gets resume, verification and progress
 * like any local upload. The folder is removed when its job ends well, is
 * cancelled or dismissed; a failed job keeps it so "Retry failed" still works.
 */
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { FerryError } from '../api/errors.js';

/** Files one upload may hold over all its batches (the route's index has six digits). */
const MAX_FILES = 999_999;

interface PendingUpload {
  dir: string;
  files: { relativePath: string; size: number; received: boolean }[];
  paths: Set<string>;
  jobId?: string;
}

function tooLong(relativePath: string, size: number): FerryError {
  return new FerryError('invalid-arguments', `"${relativePath}" is longer than the ${size} bytes announced for it.`);
}

function addFiles(upload: PendingUpload, files: { relativePath: string; size: number }[]): void {
  if (upload.files.length + files.length > MAX_FILES) {
    throw new FerryError('invalid-arguments', `One drop can hold at most ${MAX_FILES} files.`);
  }
  // Checked before any is added, so a refused batch leaves the upload as it was.
  const batch = new Set<string>();
  for (const f of files) {
    if (upload.paths.has(f.relativePath) || batch.has(f.relativePath)) {
      throw new FerryError('invalid-arguments', `"${f.relativePath}" was dropped twice.`);
    }
    batch.add(f.relativePath);
  }
  for (const f of files) {
    upload.paths.add(f.relativePath);
    upload.files.push({ ...f, received: false });
  }
}

export class StagingArea {
  readonly #uploads = new Map<string, PendingUpload>();

  constructor(private readonly root: string) {}

  async begin(files: { relativePath: string; size: number }[]): Promise<{ uploadId: string; count: number }> {
    const uploadId = randomUUID();
    const dir = path.join(this.root, uploadId);
    const upload: PendingUpload = { dir, files: [], paths: new Set() };
    addFiles(upload, files);
    await mkdir(dir, { recursive: true, mode: 0o700 });
    this.#uploads.set(uploadId, upload);
    return { uploadId, count: files.length };
  }

  /** More files of the same drop; answers the index of the first of them. */
  add(uploadId: string, files: { relativePath: string; size: number }[]): number {
    const upload = this.#get(uploadId);
    if (upload.jobId) throw new FerryError('conflict', 'This upload was already committed.');
    const first = upload.files.length;
    addFiles(upload, files);
    return first;
  }

  /** Streams one dropped file's body to its place; the size must match what the page announced. */
  async receive(uploadId: string, index: number, body: Readable): Promise<void> {
    const upload = this.#get(uploadId);
    const file = upload.files[index];
    if (!file) throw new FerryError('invalid-arguments', `Upload ${uploadId} has no file number ${index}.`);
    if (upload.jobId) throw new FerryError('conflict', 'This upload was already committed.');
    const target = path.join(upload.dir, ...file.relativePath.split('/'));
    if (!target.startsWith(upload.dir + path.sep))
      throw new FerryError('unsafe-path', `"${file.relativePath}" would leave the upload folder.`);
    await mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
    // The size is checked as the bytes arrive: a body longer than announced stops at the first byte too many,
    // and a body cut short or refused leaves no partial file behind.
    let received = 0;
    const counter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        received += chunk.length;
        if (received > file.size) done(tooLong(file.relativePath, file.size));
        else done(null, chunk);
      },
    });
    try {
      await pipeline(body, counter, createWriteStream(target, { mode: 0o600 }));
      if (received !== file.size) {
        throw new FerryError('invalid-arguments', `Received ${received} bytes of "${file.relativePath}", expected ${file.size}.`, {
          retryable: true,
        });
      }
    } catch (err) {
      await rm(target, { force: true });
      throw err instanceof FerryError
        ? err
        : new FerryError('invalid-arguments', `The upload of "${file.relativePath}" was cut off after ${received} bytes.`, {
            retryable: true,
          });
    }
    file.received = true;
  }

  /** The top-level entries of the upload folder: what the transfer job copies. */
  async sourcesFor(uploadId: string): Promise<string[]> {
    const upload = this.#get(uploadId);
    const missing = upload.files.filter((f) => !f.received);
    if (missing.length > 0) {
      throw new FerryError(
        'invalid-arguments',
        `${missing.length} dropped file(s) have not arrived yet, e.g. "${missing[0]?.relativePath}".`,
      );
    }
    return (await readdir(upload.dir)).map((name) => path.join(upload.dir, name));
  }

  attachJob(uploadId: string, jobId: string): void {
    this.#get(uploadId).jobId = jobId;
  }

  uploadForJob(jobId: string): string | undefined {
    for (const [id, u] of this.#uploads) if (u.jobId === jobId) return id;
    return undefined;
  }

  async remove(uploadId: string): Promise<boolean> {
    const upload = this.#uploads.get(uploadId);
    if (!upload) return false;
    this.#uploads.delete(uploadId);
    await rm(upload.dir, { recursive: true, force: true });
    return true;
  }

  /** Removes upload folders of earlier runs not touched for `maxAgeMs`; this run's are kept. */
  async sweep(maxAgeMs: number): Promise<number> {
    const names = await readdir(this.root).catch(() => [] as string[]);
    let removed = 0;
    for (const name of names) {
      if (this.#uploads.has(name)) continue;
      const dir = path.join(this.root, name);
      const info = await stat(dir).catch(() => null);
      if (info && Date.now() - info.mtimeMs > maxAgeMs) {
        await rm(dir, { recursive: true, force: true });
        removed++;
      }
    }
    return removed;
  }

  #get(uploadId: string): PendingUpload {
    const upload = this.#uploads.get(uploadId);
    if (!upload) throw new FerryError('not-found', 'That upload is unknown or already finished.', { details: { uploadId } });
    return upload;
  }
}
