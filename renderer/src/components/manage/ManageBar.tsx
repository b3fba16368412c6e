/**
 * The pane's management buttons (New bucket, New folder, Rename, Delete,
 * Preview) and the dialogs they open. Keyboard: F2 renames, Delete deletes,
 * Space toggles the preview; the pane forwards those keys here.
 */
import { useState, type KeyboardEvent } from 'react';
import './manage.css';
import type { ConnectionSummary, Entry, Location } from '../../../../app/api/types';
import type { MenuAction } from '../RowMenu';
import { DeleteBucketConfirm } from './DeleteBucketConfirm';
import { DeleteConfirm } from './DeleteConfirm';
import { NewBucketDialog } from './NewBucketDialog';
import { NewFolderDialog } from './NewFolderDialog';
import { RenameDialog } from './RenameDialog';

type Open = 'new-bucket' | 'new-folder' | 'rename' | 'delete' | null;

export interface ManageState {
  open: Open;
  setOpen(open: Open): void;
  previewing: boolean;
  setPreviewing(on: boolean | ((on: boolean) => boolean)): void;
}

export function useManageState(): ManageState {
  const [open, setOpen] = useState<Open>(null);
  const [previewing, setPreviewing] = useState(false);
  return { open, setOpen, previewing, setPreviewing };
}

/** Keys the pane hands over; true when one was used. The same conditions as the buttons: buckets go one at a time and are not renamed. */
export function manageKey(e: KeyboardEvent, state: ManageState, selected: Entry[]): boolean {
  const buckets = selected.some((entry) => entry.kind === 'bucket');
  if (e.key === 'F2' && selected.length === 1 && !buckets) state.setOpen('rename');
  else if (e.key === 'Delete' && selected.length > 0 && (!buckets || selected.length === 1)) state.setOpen('delete');
  else if (e.key === ' ' && !e.ctrlKey && !e.metaKey && !e.shiftKey) state.setPreviewing((on) => !on);
  else return false;
  e.preventDefault();
  return true;
}

/** Rename and Delete for a row's context menu, under the same conditions as the keys and buttons. */
export function manageMenuActions(state: ManageState, rows: Entry[]): MenuAction[] {
  const buckets = rows.some((entry) => entry.kind === 'bucket');
  const actions: MenuAction[] = [];
  if (rows.length === 1 && !buckets) actions.push({ label: 'Rename', shortcut: 'F2', run: () => state.setOpen('rename') });
  if (rows.length > 0 && (!buckets || rows.length === 1))
    actions.push({ label: 'Delete', shortcut: 'Delete', run: () => state.setOpen('delete') });
  return actions;
}

interface Props {
  paneName: string;
  location: Location;
  connection: ConnectionSummary | undefined;
  selected: Entry[];
  state: ManageState;
  /** After a new bucket or folder: the pane may open or select it. */
  onCreated?(id: string): void;
}

export function ManageBar({ paneName, location, connection, selected, state, onCreated }: Props) {
  const atBuckets = location.kind === 's3' && location.bucket === '';
  const close = () => state.setOpen(null);
  const created = (id: string) => {
    close();
    onCreated?.(id);
  };
  const single = selected.length === 1 ? selected[0] : undefined;
  return (
    <>
      <div className="manage-bar" role="group" aria-label={`Manage ${paneName}`}>
        {atBuckets ? (
          <button type="button" onClick={() => state.setOpen('new-bucket')} disabled={!connection}>
            New bucket
          </button>
        ) : (
          <button type="button" onClick={() => state.setOpen('new-folder')}>
            New folder
          </button>
        )}
        <button type="button" onClick={() => state.setOpen('rename')} disabled={!single || single.kind === 'bucket'} title="F2">
          Rename
        </button>
        <button
          type="button"
          onClick={() => state.setOpen('delete')}
          disabled={selected.length === 0 || (atBuckets && selected.length !== 1)}
          title="Delete"
        >
          Delete
        </button>
        <button type="button" aria-pressed={state.previewing} onClick={() => state.setPreviewing((on) => !on)} title="Space">
          Preview
        </button>
      </div>
      {state.open === 'new-bucket' && connection && <NewBucketDialog connection={connection} onClose={close} onCreated={created} />}
      {state.open === 'new-folder' && <NewFolderDialog location={location} onClose={close} onCreated={created} />}
      {state.open === 'rename' && single && single.kind !== 'bucket' && <RenameDialog location={location} entry={single} onClose={close} />}
      {state.open === 'delete' && atBuckets && single && location.kind === 's3' && (
        <DeleteBucketConfirm connectionId={location.connectionId} bucket={single.id} onClose={close} />
      )}
      {state.open === 'delete' && !atBuckets && selected.length > 0 && (
        <DeleteConfirm location={location} entries={selected} onClose={close} />
      )}
    </>
  );
}
