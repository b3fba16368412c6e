/**
 * Whether the work directory has room for a workload before it starts. The
 * large workloads hold gigabytes at once (W7-big: two copies of 5 GiB on a
 * tmpfs); without this check a full disk fails a run after minutes, and the
 * servers answer with errors that look like a tool's fault.
 */
import { statfs } from 'node:fs/promises';

/** Slack for the servers' metadata, journals and the kernel's rounding. */
const MARGIN_BYTES = 256 * 1024 * 1024;

const gib = (bytes: number): string => `${(bytes / 1024 ** 3).toFixed(1)} GiB`;

/** Why `dir` cannot take `needBytes` more now, or null when it can. */
export async function shortOfSpace(dir: string, needBytes: number): Promise<string | null> {
  const fs = await statfs(dir);
  const free = fs.bavail * fs.bsize;
  if (free >= needBytes + MARGIN_BYTES) return null;
  return `it needs about ${gib(needBytes + MARGIN_BYTES)} free under ${dir}, and ${gib(free)} are free (earlier workloads' data sets stay in its data folder: free some space or pass another --work-dir)`;
}
