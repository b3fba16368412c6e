/**
 * Every edit is shown before it is made: each changed field with its old and
 * new value side by side, what else will happen (a new version on a
 * versioned bucket), and only then "Apply".
 */
import type { ReactNode } from 'react';
import { CallError } from '../../bridge/ferry-client';
import { Modal } from './Modal';

export interface Change {
  field: string;
  before: string | undefined;
  after: string | undefined;
}

interface Props {
  title: string;
  changes: Change[];
  notes?: ReactNode[];
  pending: boolean;
  error: unknown;
  onApply: () => void;
  onClose: () => void;
}

export function errorMessage(error: unknown): string {
  if (error instanceof CallError) return error.data.message;
  return error instanceof Error ? error.message : String(error);
}

export function DiffDialog({ title, changes, notes = [], pending, error, onApply, onClose }: Props) {
  return (
    <Modal title={title} onClose={onClose}>
      {changes.length === 0 ? (
        <p className="muted">Nothing would change.</p>
      ) : (
        <table aria-label="Changes" className="diff">
          <thead>
            <tr>
              <th scope="col">Field</th>
              <th scope="col">Old</th>
              <th scope="col">New</th>
            </tr>
          </thead>
          <tbody>
            {changes.map((c) => (
              <tr key={c.field}>
                <th scope="row">{c.field}</th>
                <td className="diff-old">{c.before ?? <span className="muted">(none)</span>}</td>
                <td className="diff-new">{c.after ?? <span className="muted">(removed)</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {notes.map((n, i) => (
        <p key={i} className="diff-note">
          {n}
        </p>
      ))}
      {error !== null && error !== undefined && (
        <p role="alert" className="inline-error">
          {errorMessage(error)}
        </p>
      )}
      <div className="dialog-buttons">
        <button type="button" onClick={onClose}>
          Cancel
        </button>
        <button type="button" className="primary" disabled={pending || changes.length === 0} onClick={onApply}>
          {pending ? 'Applying…' : 'Apply'}
        </button>
      </div>
    </Modal>
  );
}

/** The changes between two sets of pairs, for the diff table. */
export function pairChanges(before: Record<string, string>, after: Record<string, string>, label: (k: string) => string): Change[] {
  const names = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  return names.filter((k) => before[k] !== after[k]).map((k) => ({ field: label(k), before: before[k], after: after[k] }));
}
