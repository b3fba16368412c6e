/**
 * The modal frame every management dialog shares: shown with showModal when
 * mounted (so focus is trapped and Escape cancels), titled for screen
 * readers, and an alert dialog when it asks to confirm something that
 * cannot be undone.
 */
import { useEffect, useId, useRef, type FormEvent, type ReactNode } from 'react';
import { CallError } from '../../bridge/ferry-client';

interface Props {
  title: string;
  /** 'alertdialog' for confirmations of destructive work. */
  role?: 'dialog' | 'alertdialog';
  onClose(): void;
  onSubmit(): void;
  children: ReactNode;
  /** The body text that describes the dialog, read with its title. */
  describedBy?: string;
}

export function ManageDialog({ title, role = 'dialog', onClose, onSubmit, children, describedBy }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) {
      dialog.showModal();
      dialog.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    }
    return () => dialog?.close();
  }, []);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit();
  };
  return (
    <dialog
      ref={ref}
      role={role === 'alertdialog' ? 'alertdialog' : undefined}
      aria-labelledby={titleId}
      aria-describedby={describedBy}
      className="dialog manage-dialog"
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <form className="manage-form" onSubmit={submit}>
        <h2 id={titleId}>{title}</h2>
        {children}
      </form>
    </dialog>
  );
}

/** The core's message for a failed call; never a stack or a raw object. */
export function errorMessage(error: unknown): string {
  if (error instanceof CallError) return error.data.message;
  return error instanceof Error ? error.message : String(error);
}

export function DialogButtons({ action, busy, onCancel, danger }: { action: string; busy: boolean; onCancel(): void; danger?: boolean }) {
  return (
    <div className="dialog-buttons">
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
      <button type="submit" className={danger ? 'danger' : 'primary'} disabled={busy}>
        {action}
      </button>
    </div>
  );
}
