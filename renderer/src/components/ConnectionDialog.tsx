/**
 * Adding or editing a connection. Keys typed here go to the core once and
 * never come back: editing shows an empty secret field that keeps the stored
 * key unless something is typed. The form itself is connections/ConnectionEditor.
 */
import { useEffect, useId, useRef } from 'react';
import type { ConnectionSummary } from '../../../app/api/types';
import { useProviders } from './connections/connection-queries';
import { ConnectionEditor } from './connections/ConnectionEditor';
import './connections/connections.css';

interface Props {
  open: boolean;
  onClose(): void;
  /** The connection to edit; absent to add a new one. */
  editing?: ConnectionSummary | undefined;
}

export function ConnectionDialog({ open, onClose, editing }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const providers = useProviders();

  const ready = providers.data !== undefined || providers.isError;
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    // Shown once its fields exist, so focus lands on the provider picker: the first choice to make.
    if (open && ready && !dialog.open) {
      dialog.showModal();
      dialog.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    }
    if (!open && dialog.open) dialog.close();
  }, [open, ready]);

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      className="dialog connection-dialog"
    >
      {open && providers.data && (
        <ConnectionEditor key={editing?.id ?? 'new'} providers={providers.data} editing={editing} titleId={titleId} onDone={onClose} />
      )}
      {open && providers.isError && (
        <p role="alert" className="form-error">
          Ferry could not load its provider list: {providers.error.message}
        </p>
      )}
    </dialog>
  );
}
