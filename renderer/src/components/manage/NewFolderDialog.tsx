/** "New folder": one name; in a bucket it becomes a zero-byte `name/` marker, on disk a directory. */
import { useState } from 'react';
import type { Location } from '../../../../app/api/types';
import { DialogButtons, errorMessage, ManageDialog } from './ManageDialog';
import { useCreateFolder } from './use-manage';

interface Props {
  location: Location;
  onClose(): void;
  onCreated(id: string): void;
}

export function NewFolderDialog({ location, onClose, onCreated }: Props) {
  const [name, setName] = useState('');
  const create = useCreateFolder();
  const submit = () => create.mutate({ location, name }, { onSuccess: (out) => onCreated(out.id) });
  return (
    <ManageDialog title="New folder" onClose={onClose} onSubmit={submit}>
      <label>
        Folder name
        <input data-autofocus value={name} onChange={(e) => setName(e.target.value)} spellCheck={false} aria-invalid={create.isError} />
      </label>
      {create.isError && (
        <p role="alert" className="form-error">
          {errorMessage(create.error)}
        </p>
      )}
      <DialogButtons action="Create" busy={create.isPending} onCancel={onClose} />
    </ManageDialog>
  );
}
