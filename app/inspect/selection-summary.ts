/**
 * Several objects selected: what they share, "mixed" where they differ, and
 * totals. One HEAD per object, a few at a time; an object that cannot be read
 * is listed as failed instead of failing the summary.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import type { S3ItemRef, SelectionSummary, Shared } from '../api/inspect-types.js';
import { toFerryError } from '../s3/requests/error-mapping.js';
import { headWithRawHeaders, type FullHead } from './head-reader.js';

const HEADS_IN_FLIGHT = 8;

interface Read {
  key: string;
  head?: FullHead;
  error?: string;
}

/** Folds values into "the same everywhere" (absent counts as null) or "mixed". */
export function shared<T>(values: (T | undefined)[]): Shared<T> {
  const first = values[0] ?? null;
  return values.every((v) => (v ?? null) === first) ? { same: true, value: first } : { same: false };
}

export function summarise(reads: Read[]): SelectionSummary {
  const heads = reads.flatMap((r) => (r.head ? [r.head] : []));
  const storageClasses: Record<string, number> = {};
  let totalBytes = 0;
  const dates: string[] = [];
  for (const { out } of heads) {
    totalBytes += out.ContentLength ?? 0;
    const cls = out.StorageClass ?? 'STANDARD';
    storageClasses[cls] = (storageClasses[cls] ?? 0) + 1;
    if (out.LastModified) dates.push(out.LastModified.toISOString());
  }
  dates.sort();
  const names = new Set(heads.flatMap((h) => Object.keys(h.out.Metadata ?? {})));
  const metadata: SelectionSummary['metadata'] = {};
  const partialMetadata: string[] = [];
  for (const name of [...names].sort()) {
    const values = heads.map((h) => h.out.Metadata?.[name]);
    if (values.some((v) => v === undefined)) partialMetadata.push(name);
    else metadata[name] = shared(values);
  }
  return {
    count: reads.length,
    totalBytes,
    failed: reads.flatMap((r) => (r.error !== undefined ? [{ key: r.key, message: r.error }] : [])),
    storageClasses,
    contentType: shared(heads.map((h) => h.out.ContentType)),
    storageClass: shared(heads.map((h) => h.out.StorageClass ?? 'STANDARD')),
    encryption: shared(heads.map((h) => h.out.ServerSideEncryption ?? (h.out.SSECustomerAlgorithm ? 'SSE-C' : 'none'))),
    metadata,
    partialMetadata,
    lastModified: { ...(dates[0] ? { oldest: dates[0] } : {}), ...(dates.length > 0 ? { newest: dates[dates.length - 1] } : {}) },
  };
}

export async function summariseSelection(client: S3Client, items: S3ItemRef[]): Promise<SelectionSummary> {
  const reads: Read[] = new Array<Read>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      const item = items[i];
      if (!item) return;
      try {
        reads[i] = { key: item.key, head: await headWithRawHeaders(client, item) };
      } catch (err) {
        reads[i] = { key: item.key, error: toFerryError(err).message };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(HEADS_IN_FLIGHT, items.length) }, worker));
  return summarise(reads);
}
