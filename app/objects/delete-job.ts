/**
 * A delete in a bucket as a job in Transfers, like a copy: the selection
 * becomes the job's sources (each object a key, each folder a prefix; with
 * "permanently", every version and delete marker of them), the engine lists
 * and deletes them in DeleteObjects batches, journals its progress so a
 * restart resumes it, and can be paused, resumed or cancelled (what is not
 * yet deleted stays). "Empty and delete" is the same job over the whole
 * bucket, with the bucket itself deleted as its last step.
 */
import { FerryError } from '../api/errors.js';
import type { Location, TransferSource } from '../api/types.js';
import { formatBytes, type S3Selection } from './delete-selection.js';

export interface DeleteJobRequest {
  sources: TransferSource[];
  destination: Location;
  mode: 'delete';
  conflict: 'overwrite';
  label: string;
  afterwards?: 'delete-bucket';
}

const count = (n: number, one: string) => `${n.toLocaleString('en-US')} ${one}${n === 1 ? '' : 's'}`;

export function requireTypedName(bucket: string, typed: string | undefined, what: string): void {
  if (typed !== bucket) {
    throw new FerryError('invalid-arguments', `Type the bucket's name, "${bucket}", exactly to ${what}.`, {
      details: { field: 'confirmName' },
    });
  }
}

export function deleteSelectionJob(connectionId: string, sel: S3Selection, permanently: boolean): DeleteJobRequest {
  if (sel.objects.length === 0 && sel.folders.length === 0) throw new FerryError('invalid-arguments', 'Nothing is selected to delete.');
  const ids = { connectionId, bucket: sel.bucket };
  const every = permanently ? { versions: true as const } : {};
  const sources: TransferSource[] = [
    ...sel.objects.map((o): TransferSource => ({ kind: 's3', ...ids, key: o.key, ...every })),
    ...sel.folders.map((prefix): TransferSource => ({ kind: 's3-prefix', ...ids, prefix, ...every })),
  ];
  const what = [
    sel.objects.length > 0 ? count(sel.objects.length, 'object') : '',
    sel.folders.length > 0 ? count(sel.folders.length, 'folder') : '',
  ]
    .filter(Boolean)
    .join(' and ');
  const only = sel.objects.length + sel.folders.length === 1 ? (sel.objects[0]?.key ?? sel.folders[0] ?? '') : '';
  const bytes = sel.folders.length === 0 ? ` (${formatBytes(sel.objects.reduce((n, o) => n + (o.size ?? 0), 0))})` : '';
  const label = `Delete ${only || what}${bytes} in ${sel.bucket}${permanently ? ', every version' : ''}`;
  return { sources, destination: { kind: 's3', ...ids, prefix: '' }, mode: 'delete', conflict: 'overwrite', label };
}

export function emptyBucketJob(connectionId: string, bucket: string, versioned: boolean): DeleteJobRequest {
  const source: TransferSource = { kind: 's3-prefix', connectionId, bucket, prefix: '', ...(versioned ? { versions: true as const } : {}) };
  return {
    sources: [source],
    destination: { kind: 's3', connectionId, bucket, prefix: '' },
    mode: 'delete',
    conflict: 'overwrite',
    label: `Empty and delete the bucket ${bucket}`,
    afterwards: 'delete-bucket',
  };
}
