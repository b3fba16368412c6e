/**
 * Deleting a bucket. An empty one goes at once; for one that is not, the
 * core's refusal says what it holds, and "Delete all objects and the bucket"
 * needs the bucket's name typed exactly.
 */
import { useId, useState } from 'react';
import { CallError } from '../../bridge/ferry-client';
import { errorMessage, ManageDialog } from './ManageDialog';
import { useDeleteBucket, useEmptyAndDeleteBucket } from './use-manage';

interface Props {
  connectionId: string;
  bucket: string;
  onClose(): void;
}

export function DeleteBucketConfirm({ connectionId, bucket, onClose }: Props) {
  const messageId = useId();
  const remove = useDeleteBucket();
  const empty = useEmptyAndDeleteBucket();
  const [typed, setTyped] = useState('');
  const notEmpty = remove.error instanceof CallError && remove.error.data.code === 'conflict';
  const submit = () => {
    if (notEmpty) empty.mutate({ connectionId, bucket, confirmName: typed }, { onSuccess: onClose });
    else remove.mutate({ connectionId, bucket }, { onSuccess: onClose });
  };
  return (
    <ManageDialog title={`Delete bucket ${bucket}`} role="alertdialog" describedBy={messageId} onClose={onClose} onSubmit={submit}>
      <p id={messageId}>{notEmpty ? errorMessage(remove.error) : `Delete the bucket "${bucket}"? Only an empty bucket is deleted.`}</p>
      {notEmpty && <p className="muted">Emptying it runs in Transfers; the bucket goes once every object has.</p>}
      {notEmpty && (
        <label>
          Type the bucket name, {bucket}, to confirm
          <input data-autofocus value={typed} onChange={(e) => setTyped(e.target.value)} spellCheck={false} autoComplete="off" />
        </label>
      )}
      {(remove.isError && !notEmpty) || empty.isError ? (
        <p role="alert" className="form-error">
          {errorMessage(empty.error ?? remove.error)}
        </p>
      ) : null}
      <div className="dialog-buttons">
        <button type="button" onClick={onClose}>
          Cancel
        </button>
        <button
          type="submit"
          className="danger"
          data-autofocus={notEmpty ? undefined : true}
          disabled={remove.isPending || empty.isPending || (notEmpty && typed !== bucket)}
        >
          {notEmpty ? 'Delete all objects and the bucket' : 'Delete bucket'}
        </button>
      </div>
    </ManageDialog>
  );
}
