// The fault matrix's cells, written by the fault tests as they pass: one
// JSON line per (operation, fault, server) with what the test measured.
// `npm run fault-matrix` turns the file into docs/fault-matrix.md; nobody
// types a cell by hand. A cell is recorded only after the test's own
// assertions held, so a failing test leaves its cell out ("not run").
import { ListMultipartUploadsCommand } from '@aws-sdk/client-s3';
import { appendFileSync, mkdirSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { TestServer } from '../../e2e/servers/harness';
import { sdkClient } from './support';

export type MatrixOperation = 'upload' | 'download' | 'cross-cloud copy' | 'server-side copy' | 'move' | 'delete';
export type MatrixFault =
  | 'reset at start'
  | 'reset mid-way'
  | 'reset at end'
  | 'stalled body'
  | '5 s latency'
  | '1 MB/s bandwidth'
  | '503 SlowDown'
  | '403 revoked'
  | 'disk full'
  | 'kill -9'
  | 'torn journal line';

export interface MatrixCell {
  operation: MatrixOperation;
  fault: MatrixFault;
  server: string;
  outcome: 'completed' | 'resumable';
  /** Bytes of the user's data missing or different at the end (compared by hash). */
  bytesLost: number;
  /** Multipart uploads left open on the destination. */
  orphanedUploads: number;
  /** Files under a final name that are not the whole source. */
  partialFiles: number;
  test: string;
}

export const RESULTS_FILE = process.env.FERRY_FAULT_RESULTS ?? path.resolve('test-results', 'fault-matrix', 'results.jsonl');

export function recordCell(cell: MatrixCell): void {
  mkdirSync(path.dirname(RESULTS_FILE), { recursive: true });
  appendFileSync(RESULTS_FILE, `${JSON.stringify({ ...cell, at: new Date().toISOString() })}\n`);
}

/** Multipart uploads still open in a bucket. */
export async function openUploadCount(s: TestServer, bucket: string): Promise<number> {
  const out = await sdkClient(s).send(new ListMultipartUploadsCommand({ Bucket: bucket }));
  return out.Uploads?.length ?? 0;
}

/** Files in `dir` (recursively) that are not among the finished names: temp files left under any name. */
export async function strayFiles(dir: string, finished: string[]): Promise<number> {
  const all = (await readdir(dir, { recursive: true, withFileTypes: true })).filter((d) => d.isFile());
  return all.filter((d) => !finished.includes(path.relative(dir, path.join(d.parentPath, d.name)))).length;
}

/** Bytes that differ between what was sent and what arrived (0 when equal; the whole size when not). */
export function bytesLost(expected: Buffer, actual: Buffer): number {
  return expected.equals(actual) ? 0 : Math.max(expected.length, actual.length);
}
