/** What the command line prints: a progress line on a terminal, and one summary line at the end. */
import type { JobSnapshot, LeftOutEntries } from '../api/types.js';
import { visible } from './visible.js';
import type { JobReport } from '../transfer/engine.js';

export function human(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let v = bytes / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[u]}`;
}

export function progressLine(j: JobSnapshot): string {
  const items = `${j.itemsDone + j.itemsSkipped + j.itemsFailed}/${j.itemsTotal ?? '…'} objects`;
  const bytes = `${human(j.bytesDone)}/${j.bytesTotalEstimated ? '~' : ''}${human(j.bytesTotal)}`;
  const rate = `${human(j.bytesPerSecond)}/s`;
  const eta = j.etaSeconds !== null ? `ETA ${j.etaSeconds} s` : '';
  const failed = j.itemsFailed > 0 ? `${j.itemsFailed} failed` : '';
  return [items, bytes, rate, eta, failed].filter(Boolean).join(' · ');
}

/** The one line a script can rely on: `copied N objects, B bytes in S s`. */
export function summaryLine(verb: 'copied' | 'moved', j: JobSnapshot, seconds: number): string {
  return `${verb} ${j.itemsDone} objects, ${j.bytesDone} bytes in ${seconds.toFixed(2)} s`;
}

/** `synced N objects (C copied, D deleted), B bytes in S s`. */
export function syncLine(j: JobSnapshot, deleted: number, seconds: number): string {
  return `synced ${j.itemsDone} objects (${j.itemsDone - deleted} copied, ${deleted} deleted), ${j.bytesDone} bytes in ${seconds.toFixed(2)} s`;
}

export function summaryJson(command: string, report: JobReport, seconds: number) {
  const j = report.snapshot;
  return {
    command,
    jobId: j.id,
    state: j.state,
    objects: j.itemsDone,
    bytes: j.bytesDone,
    seconds: Number(seconds.toFixed(3)),
    bytesPerSecond: seconds > 0 ? Math.round(j.bytesDone / seconds) : 0,
    skipped: j.itemsSkipped,
    failed: j.itemsFailed,
    methods: report.methods,
    checks: report.checks,
    parts: { uploaded: report.stats.uploaded, resumed: report.stats.reused, copied: report.stats.copied },
    requests: report.stats.requests,
    retries: report.stats.retries,
    stalls: report.stats.stalls,
    ...(j.error ? { error: j.error } : {}),
    ...(j.leftOut ? { leftOut: j.leftOut } : {}),
  };
}

/** One local entry a sync or a compare leaves out (not a file), and why. */
export function leftOutLine(path: string, reason: string): string {
  return `ferry: left out ${visible(path)}: ${reason}`;
}

/** A sync's local entries that are not files, one line each (the first named), as a compare names them. */
export function leftOutLines(left: LeftOutEntries): string[] {
  const lines = left.first.map((e) => leftOutLine(e.path, e.reason));
  if (left.count > left.first.length) lines.push(`ferry: … and ${left.count - left.first.length} more left out.`);
  return lines;
}

/** `ferry rm`'s line for scripts: `deleted N objects in S s`. */
export function deleteSummaryLine(deleted: number, seconds: number): string {
  return `deleted ${deleted} objects in ${seconds.toFixed(2)} s`;
}

export interface DeleteReport {
  deleted: number;
  failed: number;
  failures: { bucket: string; key: string; code: string; message: string }[];
  error?: { code: string; message: string };
  stats: { requests: number; retries: number; stalls: number };
}

/** Failures listed in the JSON summary; the count says how many there were in all. */
const JSON_FAILURES = 100;

export function deleteSummaryJson(r: DeleteReport, seconds: number) {
  const state = r.error ? (r.error.code === 'cancelled' ? 'cancelled' : 'failed') : r.failed > 0 ? 'failed' : 'done';
  return {
    command: 'rm',
    state,
    objects: r.deleted,
    failed: r.failed,
    seconds: Number(seconds.toFixed(3)),
    objectsPerSecond: seconds > 0 ? Math.round(r.deleted / seconds) : 0,
    requests: r.stats.requests,
    retries: r.stats.retries,
    errors: r.failures.slice(0, JSON_FAILURES),
    ...(r.error ? { error: r.error } : {}),
  };
}
