/**
 * "Connections": every connection in the user's order, with edit,
 * duplicate, delete (confirmed in place) and move up/down, all as plain
 * buttons so the keyboard reaches everything; plus import from rclone and
 * where keys are kept.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { ConnectionSummary, ProviderInfo, SecretState } from '../../../../app/api/types';
import { CallError } from '../../bridge/ferry-client';
import { useConnections } from '../../hooks/queries';
import { ConnectionDialog } from '../ConnectionDialog';
import { useDuplicateConnection, useProviders, useRemoveConnection, useReorderConnections } from './connection-queries';
import { RcloneImport } from './RcloneImport';
import { SecretStorageControls } from './SecretsPrompt';

const SECRET_WORDS: Record<SecretState, string> = {
  stored: 'key stored',
  session: 'key kept for this session',
  missing: 'key needed: edit to enter it',
  locked: 'vault locked',
  'not-needed': 'keys from outside Ferry',
};

interface Props {
  open: boolean;
  onClose(): void;
}

export function ConnectionsManager({ open, onClose }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const connections = useConnections();
  const providers = useProviders();
  const remove = useRemoveConnection();
  const duplicate = useDuplicateConnection();
  const reorder = useReorderConnections();
  const [editing, setEditing] = useState<ConnectionSummary | undefined>();
  const [confirming, setConfirming] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  const list = connections.data ?? [];
  const act = (work: Promise<unknown>) =>
    work.then(
      () => setError(null),
      (err: unknown) => setError(err instanceof CallError ? err.data.message : String(err)),
    );
  const move = (index: number, by: number) => {
    const ids = list.map((c) => c.id);
    const [id] = ids.splice(index, 1);
    if (id === undefined) return;
    ids.splice(index + by, 0, id);
    void act(reorder.mutateAsync(ids));
  };
  const providerName = (id: string | undefined) =>
    (providers.data ?? []).find((p: ProviderInfo) => p.id === id)?.name ?? 'Other S3-compatible';

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      className="dialog connections-manager"
      onCancel={(e) => {
        e.preventDefault();
        if (!editing) onClose();
      }}
    >
      <h2 id={titleId}>Connections</h2>
      {list.length === 0 && <p className="muted">No connections yet.</p>}
      <ul className="connection-list" aria-label="Saved connections">
        {list.map((c, i) => (
          <li key={c.id} aria-label={c.label}>
            <div className="connection-line">
              <strong>{c.label}</strong>
              <span className="muted">
                {providerName(c.providerId)} · {c.endpoint}
                {c.awsProfile ? ` · AWS profile ${c.awsProfile}` : ''}
                {c.proxy?.mode === 'none' ? ' · no proxy' : c.proxy?.url ? ` · via ${c.proxy.url}` : ''} ·{' '}
                {SECRET_WORDS[c.secret ?? 'missing']}
              </span>
            </div>
            <div className="connection-actions">
              <button type="button" aria-label={`Edit ${c.label}`} onClick={() => setEditing(c)}>
                Edit
              </button>
              <button type="button" aria-label={`Duplicate ${c.label}`} onClick={() => void act(duplicate.mutateAsync(c.id))}>
                Duplicate
              </button>
              <button type="button" aria-label={`Move ${c.label} up`} disabled={i === 0} onClick={() => move(i, -1)}>
                ↑
              </button>
              <button type="button" aria-label={`Move ${c.label} down`} disabled={i === list.length - 1} onClick={() => move(i, 1)}>
                ↓
              </button>
              {confirming === c.id ? (
                <>
                  <button
                    type="button"
                    className="danger"
                    aria-label={`Confirm delete ${c.label}`}
                    onClick={() => {
                      setConfirming(null);
                      void act(remove.mutateAsync(c.id));
                    }}
                  >
                    Delete for good
                  </button>
                  <button type="button" aria-label={`Keep ${c.label}`} onClick={() => setConfirming(null)}>
                    Keep
                  </button>
                </>
              ) : (
                <button type="button" aria-label={`Delete ${c.label}`} onClick={() => setConfirming(c.id)}>
                  Delete
                </button>
              )}
            </div>
          </li>
        ))}
      </ul>
      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
      <RcloneImport />
      <SecretStorageControls />
      <div className="dialog-buttons">
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
      <ConnectionDialog open={editing !== undefined} editing={editing} onClose={() => setEditing(undefined)} />
    </dialog>
  );
}
