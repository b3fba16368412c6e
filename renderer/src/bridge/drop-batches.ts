/**
 * A drop of many files is announced to the core in several messages: the
 * socket refuses any message over 1 MiB, and 40,000 paths already pass that.
 * Batches are sized by their encoded bytes (paths can be long and non-ASCII),
 * well under the cap so the call's envelope always fits too.
 */
export const DROP_BATCH_BYTES = 512 * 1024;
/** The schema's limit on files per call. */
export const DROP_BATCH_FILES = 100_000;

export interface AnnouncedFile {
  relativePath: string;
  size: number;
}

const encoder = new TextEncoder();

export function dropBatches<T extends AnnouncedFile>(files: T[], maxBytes = DROP_BATCH_BYTES): T[][] {
  const batches: T[][] = [];
  let batch: T[] = [];
  let bytes = 0;
  for (const f of files) {
    // JSON escapes can grow a path up to six-fold (\u001f); measuring the real encoding keeps the bound honest.
    const size = encoder.encode(JSON.stringify({ relativePath: f.relativePath, size: f.size })).length + 1;
    if (batch.length > 0 && (bytes + size > maxBytes || batch.length >= DROP_BATCH_FILES)) {
      batches.push(batch);
      batch = [];
      bytes = 0;
    }
    batch.push(f);
    bytes += size;
  }
  if (batch.length > 0) batches.push(batch);
  return batches;
}
