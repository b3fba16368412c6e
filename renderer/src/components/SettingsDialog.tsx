/**
 * The settings dialog (Ctrl/⌘+,): theme, the transfer limits every job
 * started from this window runs under, the default conflict policy, hidden
 * local files and delete confirmation. Kept by the core in settings.json;
 * a value out of range is refused at its field with the range named.
 */
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { Settings } from '../../../app/api/workspace-types';
import { call, CallError } from '../bridge/ferry-client';
import { conflictOptions } from './ConflictPolicyPicker';

interface Props {
  open: boolean;
  settings: Settings;
  onClose(): void;
  onSaved(settings: Settings): void;
}

const MiB = 1024 * 1024;

interface Draft {
  theme: Settings['theme'];
  objectsInFlight: string;
  partsInFlight: string;
  partSizeMiB: string;
  bandwidthMiB: string;
  conflict: Settings['conflict'];
  showHiddenFiles: boolean;
  confirmDelete: boolean;
}

const draftOf = (s: Settings): Draft => ({
  theme: s.theme,
  objectsInFlight: String(s.objectsInFlight),
  partsInFlight: String(s.partsInFlight),
  partSizeMiB: String(s.partSize / MiB),
  bandwidthMiB: s.bandwidthLimit === null ? '' : String(+(s.bandwidthLimit / MiB).toFixed(3)),
  conflict: s.conflict,
  showHiddenFiles: s.showHiddenFiles,
  confirmDelete: s.confirmDelete,
});

type Field = 'objectsInFlight' | 'partsInFlight' | 'partSizeMiB' | 'bandwidthMiB';

function whole(text: string, min: number, max: number, what: string): number | string {
  const n = Number(text.trim());
  if (!text.trim() || !Number.isInteger(n)) return `${what} must be a whole number.`;
  if (n < min || n > max) return `${what} must be from ${min} to ${max}.`;
  return n;
}

/** The settings a draft stands for, or the first field that is wrong and why. */
function read(d: Draft): { settings: Settings } | { field: Field; error: string } {
  const objects = whole(d.objectsInFlight, 1, 256, 'Objects in flight');
  if (typeof objects === 'string') return { field: 'objectsInFlight', error: objects };
  const parts = whole(d.partsInFlight, 1, 256, 'Parts in flight');
  if (typeof parts === 'string') return { field: 'partsInFlight', error: parts };
  const partMiB = whole(d.partSizeMiB, 5, 5120, 'Part size (MiB)');
  if (typeof partMiB === 'string') return { field: 'partSizeMiB', error: partMiB };
  let bandwidth: number | null = null;
  if (d.bandwidthMiB.trim()) {
    const mib = Number(d.bandwidthMiB.trim());
    if (!Number.isFinite(mib) || mib < 0.0625)
      return { field: 'bandwidthMiB', error: 'A bandwidth limit is at least 0.0625 MiB/s (64 KiB/s); leave it empty for none.' };
    bandwidth = Math.round(mib * MiB);
  }
  return {
    settings: {
      theme: d.theme,
      objectsInFlight: objects,
      partsInFlight: parts,
      partSize: partMiB * MiB,
      bandwidthLimit: bandwidth,
      conflict: d.conflict,
      showHiddenFiles: d.showHiddenFiles,
      confirmDelete: d.confirmDelete,
    },
  };
}

export function SettingsDialog({ open, settings, onClose, onSaved }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const confirmHintId = useId();
  const [draft, setDraft] = useState(() => draftOf(settings));
  const [problem, setProblem] = useState<{ field: Field | null; error: string } | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  const [openedWith, setOpenedWith] = useState<Settings | null>(null);
  if (open && openedWith !== settings) {
    setOpenedWith(settings);
    setDraft(draftOf(settings));
    setProblem(null);
  }

  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
    setProblem(null);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const r = read(draft);
    if ('error' in r) {
      setProblem({ field: r.field, error: r.error });
      return;
    }
    setSaving(true);
    try {
      onSaved(await call('settings.save', { settings: r.settings }));
      onClose();
    } catch (err) {
      setProblem({ field: null, error: err instanceof CallError ? err.data.message : String(err) });
    } finally {
      setSaving(false);
    }
  };

  const numberField = (field: Field, label: string, hint?: string) => (
    <label>
      {label}
      <input
        type="text"
        inputMode="decimal"
        value={draft[field]}
        aria-invalid={problem?.field === field ? true : undefined}
        placeholder={hint}
        onChange={(e) => set(field, e.target.value)}
      />
    </label>
  );

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      className="dialog settings-dialog"
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      {open && (
        <form className="connection-form" onSubmit={(e) => void submit(e)} noValidate>
          <h2 id={titleId}>Settings</h2>
          <label>
            Theme
            <select value={draft.theme} onChange={(e) => set('theme', e.target.value as Draft['theme'])}>
              <option value="system">Same as the system</option>
              <option value="light">Light</option>
              <option value="dark">Dark</option>
            </select>
          </label>
          <fieldset className="settings-group">
            <legend>Transfers started from this window</legend>
            {numberField('objectsInFlight', 'Objects in flight')}
            {numberField('partsInFlight', 'Parts in flight')}
            {numberField('partSizeMiB', 'Part size (MiB)')}
            {numberField('bandwidthMiB', 'Bandwidth limit (MiB/s)', 'No limit')}
            <label>
              When the destination exists
              <select value={draft.conflict} onChange={(e) => set('conflict', e.target.value as Draft['conflict'])}>
                {conflictOptions.map(([v, text]) => (
                  <option key={v} value={v}>
                    {text}
                  </option>
                ))}
              </select>
            </label>
          </fieldset>
          <label className="checkbox">
            <input type="checkbox" checked={draft.showHiddenFiles} onChange={(e) => set('showHiddenFiles', e.target.checked)} />
            Show hidden local files
          </label>
          <label className="checkbox">
            <input
              type="checkbox"
              checked={draft.confirmDelete}
              onChange={(e) => set('confirmDelete', e.target.checked)}
              aria-describedby={confirmHintId}
            />
            Confirm before deleting
          </label>
          <p id={confirmHintId} className="muted checkbox-hint">
            Deleting a bucket, Delete permanently, and deletes in a bucket that keeps versions always ask.
          </p>
          {problem && (
            <p role="alert" className="form-error">
              {problem.error}
            </p>
          )}
          <div className="dialog-buttons">
            <button type="button" onClick={onClose}>
              Cancel
            </button>
            <button type="submit" disabled={saving}>
              Save settings
            </button>
          </div>
        </form>
      )}
    </dialog>
  );
}
