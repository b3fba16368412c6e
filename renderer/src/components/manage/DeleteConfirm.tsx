/**
 * Confirming a delete. The question names what goes, counted by the core
 * ("Delete 3 objects and 2 folders (12,408 objects, 3.1 GiB)?"); in a
 * versioned bucket it says that only delete markers are added, and offers
 * "Delete permanently" (every version) behind the bucket's name typed out.
 * Keys the server refused are listed, not swallowed.
 */
import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import type { CallArgs, CallResult } from '../../../../app/api/contract';
import type { Entry, Location } from '../../../../app/api/types';
import { call } from '../../bridge/ferry-client';
import { useSettings } from '../../hooks/use-settings';
import { childLocation } from '../../location';
import { errorMessage, ManageDialog } from './ManageDialog';
import { useDeleteRun, useDeleteStart } from './use-manage';

/** More than one DeleteObjects' worth runs as a job in Transfers; the dialog closes as soon as it starts. */
const JOB_ABOVE = 1000;

type Selection = CallArgs<'delete.summary'>['selection'];

export function selectionOf(location: Location, entries: Entry[]): Selection {
  if (location.kind === 'local') return { kind: 'local', paths: entries.map((e) => e.id) };
  return {
    kind: 's3',
    connectionId: location.connectionId,
    bucket: location.bucket,
    objects: entries.filter((e) => e.kind !== 'folder').map((e) => ({ key: e.id, ...(e.size !== undefined ? { size: e.size } : {}) })),
    folders: entries.filter((e) => e.kind === 'folder').map((e) => e.id),
  };
}

interface Props {
  location: Location;
  entries: Entry[];
  onClose(): void;
}

export function DeleteConfirm({ location, entries, onClose }: Props) {
  const selection = selectionOf(location, entries);
  const messageId = useId();
  const summary = useQuery({
    queryKey: ['delete.summary', selection],
    queryFn: () => call('delete.summary', { selection }),
    retry: false,
    gcTime: 0,
  });
  const inside = entries.filter((e) => e.kind === 'folder').flatMap((e) => childLocation(location, e) ?? []);
  const run = useDeleteRun(location, inside);
  const job = useDeleteStart(location);
  const [typed, setTyped] = useState('');
  const [result, setResult] = useState<CallResult<'delete.run'> | null>(null);
  const versioned = summary.data?.versioning === 'enabled' || summary.data?.versioning === 'suspended';
  // Local files go to the system's trash; where there is none, the only delete on offer says it is for good.
  const noTrash = summary.data?.versioning === 'local' && summary.data.trash === false;
  const bucket = location.kind === 's3' ? location.bucket : '';
  // With "Confirm before deleting" off, objects in a bucket without versions and local files go at once; the
  // dialog still appears for a bucket that keeps versions (its choice matters), a refused count, or failures.
  const { settings } = useSettings();
  const quiet = settings?.confirmDelete === false && !summary.isError && !versioned && !noTrash && !run.isError && !job.isError && !result;
  const started = useRef(false);

  const large = selection.kind === 's3' && summary.data !== undefined && (summary.data.more || summary.data.totalObjects > JOB_ABOVE);
  const go = (permanently: boolean) => {
    const how = permanently ? { permanently, confirmName: typed } : {};
    if (large && selection.kind === 's3') job.mutate({ selection, ...how }, { onSuccess: onClose });
    else run.mutate({ selection, ...how }, { onSuccess: (out) => (out.failed > 0 ? setResult(out) : onClose()) });
  };
  const pending = run.isPending || job.isPending;
  const failed = run.isError ? run.error : job.isError ? job.error : null;

  useEffect(() => {
    if (!quiet || !summary.data || started.current) return;
    started.current = true;
    go(false);
  });
  if (quiet) return null;

  return (
    <ManageDialog
      title={entries.length === 1 ? `Delete ${entries[0]?.name ?? ''}` : `Delete ${entries.length} items`}
      role="alertdialog"
      describedBy={messageId}
      onClose={onClose}
      onSubmit={() => go(noTrash)}
    >
      <p id={messageId}>
        {summary.data ? summary.data.message : summary.isError ? errorMessage(summary.error) : 'Counting what would be deleted…'}
        {summary.data?.trash === true && ' They go to the trash, where they can be restored.'}
        {noTrash && ' There is no trash here: they would be deleted permanently and cannot be restored.'}
      </p>
      {versioned && (
        <fieldset className="danger-zone">
          <legend>Delete permanently</legend>
          <p className="muted">Every version and delete marker is removed; nothing can be restored afterwards.</p>
          <label>
            Type the bucket name, {bucket}, to confirm
            <input value={typed} onChange={(e) => setTyped(e.target.value)} spellCheck={false} autoComplete="off" />
          </label>
          <button type="button" className="danger" disabled={typed !== bucket || pending} onClick={() => go(true)}>
            Delete permanently
          </button>
        </fieldset>
      )}
      {large && !result && <p className="muted">It runs in Transfers, where it can be paused, resumed or cancelled.</p>}
      {failed && (
        <p role="alert" className="form-error">
          {errorMessage(failed)}
        </p>
      )}
      {result && (
        <div role="alert" className="form-error">
          <p>
            {result.deleted.toLocaleString('en-US')} deleted; {result.failed.toLocaleString('en-US')} refused by the server:
          </p>
          <ul className="failure-list">
            {result.failures.slice(0, 50).map((f) => (
              <li key={f.key}>
                <code>{f.key}</code>: {f.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      <div className="dialog-buttons">
        <button type="button" onClick={onClose}>
          {result ? 'Close' : 'Cancel'}
        </button>
        {!result && (
          <button type="submit" className="danger" data-autofocus disabled={!summary.data || pending}>
            {versioned
              ? 'Delete (add delete markers)'
              : noTrash
                ? 'Delete permanently'
                : summary.data?.trash
                  ? 'Delete (move to trash)'
                  : 'Delete'}
          </button>
        )}
      </div>
    </ManageDialog>
  );
}
