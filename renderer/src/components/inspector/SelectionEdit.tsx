/**
 * Headers and metadata for every selected object: a field left empty stays
 * as each object has it; a filled one is set on all of them. The diff shows
 * the shared old value or "Mixed"; Apply starts a job in Transfers (each
 * object rewritten on its own, any that fail listed there) and closes.
 */
import { useState } from 'react';
import type { EditableHeader, HttpHeaders, S3ItemRef, SelectionSummary } from '../../../../app/api/inspect-types';
import { DiffDialog, type Change } from './DiffDialog';
import { EDITABLE_HEADERS, HEADER_LABELS } from './header-names';
import { Modal } from './Modal';
import { useStartEditJob } from './use-inspection';

export function SelectionEdit({ items, summary, onClose }: { items: S3ItemRef[]; summary: SelectionSummary; onClose: () => void }) {
  const [headers, setHeaders] = useState<HttpHeaders>({});
  const [meta, setMeta] = useState({ name: '', value: '' });
  const [reviewing, setReviewing] = useState(false);
  const edit = useStartEditJob();
  const first = items[0] as S3ItemRef;
  const set = Object.fromEntries(Object.entries(headers).filter(([, v]) => v !== '')) as HttpHeaders;
  const name = meta.name.trim().toLowerCase();
  const oldType = summary.contentType.same ? (summary.contentType.value ?? undefined) : 'Mixed';
  const oldMeta = summary.metadata[name];
  const changes: Change[] = [
    ...Object.entries(set).map(([h, v]) => ({
      field: HEADER_LABELS[h as EditableHeader],
      before: h === 'contentType' ? oldType : 'As each object has it',
      after: v,
    })),
    ...(name
      ? [
          {
            field: `Metadata: ${name}`,
            before: oldMeta ? (oldMeta.same ? (oldMeta.value ?? undefined) : 'Mixed') : undefined,
            after: meta.value,
          },
        ]
      : []),
  ];

  if (reviewing) {
    return (
      <DiffDialog
        title="Review changes"
        changes={changes}
        notes={[
          `Applied to each of the ${items.length.toLocaleString()} objects by rewriting it; everything else each one carries is kept.`,
          'Runs as a job in Transfers, where it can be paused or cancelled and any object that fails is listed.',
        ]}
        pending={edit.isPending}
        error={edit.error}
        onApply={() =>
          edit.mutate(
            {
              connectionId: first.connectionId,
              bucket: first.bucket,
              keys: items.map((i) => i.key),
              task: { kind: 'attributes', edit: { headers: set, ...(name ? { metadata: { put: { [name]: meta.value } } } : {}) } },
            },
            { onSuccess: onClose },
          )
        }
        onClose={onClose}
      />
    );
  }
  return (
    <Modal title="Edit every selected object" onClose={onClose}>
      <form
        className="edit-form"
        onSubmit={(e) => {
          e.preventDefault();
          edit.reset();
          setReviewing(true);
        }}
      >
        <p className="muted">Leave a field empty to keep each object&apos;s own value.</p>
        <fieldset>
          <legend>HTTP headers</legend>
          {EDITABLE_HEADERS.map((h) => (
            <label key={h}>
              {HEADER_LABELS[h]}
              <input value={headers[h] ?? ''} onChange={(e) => setHeaders({ ...headers, [h]: e.target.value })} />
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>User metadata to set</legend>
          <div className="pair-row">
            <input aria-label="Metadata name" value={meta.name} onChange={(e) => setMeta({ ...meta, name: e.target.value })} />
            <input aria-label="Metadata value" value={meta.value} onChange={(e) => setMeta({ ...meta, value: e.target.value })} />
          </div>
        </fieldset>
        <div className="dialog-buttons">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary">
            Review changes
          </button>
        </div>
      </form>
    </Modal>
  );
}
