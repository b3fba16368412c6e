/**
 * Files and folders dropped from the operating system. The desktop shell
 * knows their paths (the preload's pathForFile), so they upload like any
 * local file. A browser in serve mode has only File objects: walk the
 * dropped folders, stream each file to the core, then commit the upload.
 */
import type { ConflictPolicy, JobSnapshot, Location } from '../../../app/api/types';
import { call } from './ferry-client';
import { dropBatches } from './drop-batches';

interface DroppedFile {
  file: File;
  relativePath: string;
}

// Chromium's entry API; typed here because lib.dom's types lag behind it.
interface Entry {
  isFile: boolean;
  isDirectory: boolean;
  name: string;
}
interface FileEntry extends Entry {
  file(ok: (f: File) => void, fail: (e: unknown) => void): void;
}
interface DirectoryEntry extends Entry {
  createReader(): { readEntries(ok: (entries: Entry[]) => void, fail: (e: unknown) => void): void };
}

async function walk(entry: Entry, prefix: string, out: DroppedFile[]): Promise<void> {
  const relativePath = prefix ? `${prefix}/${entry.name}` : entry.name;
  if (entry.isFile) {
    const file = await new Promise<File>((ok, fail) => (entry as FileEntry).file(ok, fail));
    out.push({ file, relativePath });
    return;
  }
  if (!entry.isDirectory) return;
  const reader = (entry as DirectoryEntry).createReader();
  // readEntries hands out a folder in batches until it returns an empty one.
  for (;;) {
    const batch = await new Promise<Entry[]>((ok, fail) => reader.readEntries(ok, fail));
    if (batch.length === 0) break;
    for (const child of batch) await walk(child, relativePath, out);
  }
}

export async function droppedFiles(dt: DataTransfer): Promise<DroppedFile[]> {
  const entries = Array.from(dt.items)
    .map((item) => (item.kind === 'file' ? (item.webkitGetAsEntry() as Entry | null) : null))
    .filter((e): e is Entry => e !== null);
  const out: DroppedFile[] = [];
  if (entries.length === 0) {
    for (const file of Array.from(dt.files)) out.push({ file, relativePath: file.name });
    return out;
  }
  for (const entry of entries) await walk(entry, '', out);
  return out;
}

/** Paths of dropped files where the shell can tell them (desktop); null in a browser. */
export function droppedPaths(dt: DataTransfer): string[] | null {
  const pathFor = window.ferry?.pathForFile;
  if (!pathFor) return null;
  const paths = Array.from(dt.files)
    .map((f) => pathFor(f))
    .filter((p) => p !== '');
  return paths.length > 0 ? paths : null;
}

function put(url: string, file: File, onProgress: (sent: number) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('PUT', url);
    xhr.upload.onprogress = (e) => onProgress(e.loaded);
    xhr.onload = () => (xhr.status < 300 ? resolve() : reject(new Error(`Upload of ${file.name} was refused (HTTP ${xhr.status}).`)));
    xhr.onerror = () => reject(new Error(`Upload of ${file.name} failed: the connection to Ferry dropped.`));
    xhr.send(file);
  });
}

/** Streams dropped files to the core, then starts the transfer job that uploads them to the destination. */
export async function uploadFromBrowser(
  files: DroppedFile[],
  destination: Location,
  conflict: ConflictPolicy,
  onProgress: (sent: number, total: number) => void,
): Promise<JobSnapshot> {
  const total = files.reduce((n, f) => n + f.file.size, 0);
  const [first = [], ...rest] = dropBatches(files.map((f) => ({ relativePath: f.relativePath, size: f.file.size })));
  const { uploadId, urls } = await call('upload.begin', { files: first });
  try {
    for (const batch of rest) urls.push(...(await call('upload.add', { uploadId, files: batch })).urls);
  } catch (err) {
    await call('upload.abandon', { uploadId }).catch(() => undefined);
    throw err;
  }
  const sent = new Array<number>(files.length).fill(0);
  const report = () =>
    onProgress(
      sent.reduce((a, b) => a + b, 0),
      total,
    );
  try {
    // A few files at once keeps the pipe full without flooding the core with sockets.
    let next = 0;
    const worker = async () => {
      for (let i = next++; i < files.length; i = next++) {
        const f = files[i];
        const url = urls[i];
        if (!f || !url) continue;
        await put(url, f.file, (n) => {
          sent[i] = n;
          report();
        });
        sent[i] = f.file.size;
        report();
      }
    };
    await Promise.all([worker(), worker(), worker()]);
  } catch (err) {
    await call('upload.abandon', { uploadId }).catch(() => undefined);
    throw err;
  }
  return call('upload.commit', { uploadId, destination, conflict });
}
