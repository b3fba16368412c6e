/**
 * Rename (F2): the textbox "Name" starts with the current name, its stem
 * selected so typing keeps the extension. In a bucket the rename runs as a
 * move job in Transfers (copy, verify, then delete); on disk it is immediate.
 */
import { useEffect, useRef, useState } from 'react';
import type { Entry, ItemRef, Location } from '../../../../app/api/types';
import { childLocation } from '../../location';
import { DialogButtons, errorMessage, ManageDialog } from './ManageDialog';
import { useRename } from './use-manage';

interface Props {
  location: Location;
  entry: Entry;
  onClose(): void;
}

function itemOf(location: Location, entry: Entry): ItemRef {
  return location.kind === 'local'
    ? { kind: 'local', path: entry.id }
    : { kind: 's3', connectionId: location.connectionId, bucket: location.bucket, key: entry.id };
}

export function RenameDialog({ location, entry, onClose }: Props) {
  const current = entry.name.endsWith('/') ? entry.name.slice(0, -1) : entry.name;
  const [name, setName] = useState(current);
  const inside = entry.kind === 'folder' ? [childLocation(location, entry)].filter((l): l is Location => l !== null) : [];
  const rename = useRename(location, inside);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    const dot = current.lastIndexOf('.');
    input.current?.setSelectionRange(0, entry.kind !== 'folder' && dot > 0 ? dot : current.length);
  }, [current, entry.kind]);
  const submit = () => rename.mutate({ item: itemOf(location, entry), name }, { onSuccess: onClose });
  return (
    <ManageDialog title={`Rename ${current}`} onClose={onClose} onSubmit={submit}>
      <label>
        Name
        <input
          ref={input}
          data-autofocus
          value={name}
          onChange={(e) => setName(e.target.value)}
          spellCheck={false}
          aria-invalid={rename.isError}
        />
      </label>
      {location.kind === 's3' && entry.kind === 'folder' && (
        <p className="muted field-hint">
          Every object in the folder is copied inside the server, checked, and only then removed; progress shows in Transfers.
        </p>
      )}
      {rename.isError && (
        <p role="alert" className="form-error">
          {errorMessage(rename.error)}
        </p>
      )}
      <DialogButtons action="Rename" busy={rename.isPending} onCancel={onClose} />
    </ManageDialog>
  );
}
