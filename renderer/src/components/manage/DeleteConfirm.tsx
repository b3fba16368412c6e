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
import { useDeleteRun } from './use-manage';

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
  const [typed, setTyped] = useState('');
  const [result, setResult] = useState<CallResult<'delete.run'> | null>(null);
  const versioned = summary.data?.versioning === 'enabled' || summary.data?.versioning === 'suspended';
  // Local files go to the system's trash; where there is none, the only delete on offer says it is for good.
  const noTrash = summary.data?.versioning === 'local' && summary.data.trash === false;
  const bucket = location.kind === 's3' ? location.bucket : '';
  // With "Confirm before deleting" off, objects in a bucket without versions and local files go at once; the
  // dialog still appears for a bucket that keeps versions (its choice matters), a refused count, or failures.
  const { settings } = useSettings();
  const quiet = settings?.confirmDelete === false && !summary.isError && !versioned && !noTrash && !run.isError && !result;
  const started = useRef(false);

  const go = (permanently: boolean) =>
    run.mutate(
      { selection, ...(permanently ? { permanently, confirmName: typed } : {}) },
      { onSuccess: (out) => (out.failed > 0 ? setResult(out) : onClose()) },
    );

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
          <button type="button" className="danger" disabled={typed !== bucket || run.isPending} onClick={() => go(true)}>
            Delete permanently
          </button>
        </fieldset>
      )}
      {run.isError && (
        <p role="alert" className="form-error">
          {errorMessage(run.error)}
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
          <button type="submit" className="danger" data-autofocus disabled={!summary.data || run.isPending}>
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
