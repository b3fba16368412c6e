/**
 * Adding a connection. Keys typed here go to the core once and never come
 * back: the list shows label and endpoint only. Errors name the field.
 */
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { CallError } from '../bridge/ferry-client';
import { useAddConnection } from '../hooks/queries';

interface Props {
  open: boolean;
  onClose(): void;
}

const empty = { label: '', endpoint: '', region: 'us-east-1', accessKeyId: '', secretAccessKey: '', pathStyle: true };

export function ConnectionDialog({ open, onClose }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const [form, setForm] = useState(empty);
  const [error, setError] = useState<{ message: string; field?: string } | null>(null);
  const add = useAddConnection();
  const errorId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  const close = () => {
    setForm(empty);
    setError(null);
    onClose();
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await add.mutateAsync(form);
      close();
    } catch (err) {
      if (err instanceof CallError) {
        const field = err.data.details?.field;
        setError({ message: err.data.message, ...(typeof field === 'string' ? { field } : {}) });
      } else setError({ message: String(err) });
    }
  };

  const fieldProps = (name: keyof typeof empty) => ({
    name,
    'aria-invalid': error?.field === name ? true : undefined,
    'aria-describedby': error?.field === name ? errorId : undefined,
  });
  const text = (name: 'label' | 'endpoint' | 'region' | 'accessKeyId' | 'secretAccessKey') => ({
    ...fieldProps(name),
    value: form[name],
    onChange: (e: { target: { value: string } }) => setForm({ ...form, [name]: e.target.value }),
  });

  return (
    <dialog ref={ref} aria-labelledby={`${errorId}-title`} onCancel={close} className="dialog">
      <form onSubmit={submit} className="connection-form">
        <h2 id={`${errorId}-title`}>Add connection</h2>
        <label>
          Name
          <input {...text('label')} required autoFocus placeholder="e.g. Production archive" />
        </label>
        <label>
          Endpoint URL
          <input {...text('endpoint')} required placeholder="https://s3.example.com" inputMode="url" />
        </label>
        <label>
          Region
          <input {...text('region')} placeholder="us-east-1" />
        </label>
        <label>
          Access key ID
          <input {...text('accessKeyId')} required autoComplete="off" spellCheck={false} />
        </label>
        <label>
          Secret access key
          <input {...text('secretAccessKey')} type="password" required autoComplete="off" />
        </label>
        <label className="checkbox">
          <input
            {...fieldProps('pathStyle')}
            type="checkbox"
            checked={form.pathStyle}
            onChange={(e) => setForm({ ...form, pathStyle: e.target.checked })}
          />
          Path-style addressing (most self-hosted servers need it)
        </label>
        {error && (
          <p role="alert" id={errorId} className="form-error">
            {error.message}
          </p>
        )}
        <div className="dialog-buttons">
          <button type="button" onClick={close}>
            Cancel
          </button>
          <button type="submit" disabled={add.isPending}>
            {add.isPending ? 'Saving…' : 'Save connection'}
          </button>
        </div>
      </form>
    </dialog>
  );
}
