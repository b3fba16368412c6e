/**
 * HTTP headers and user metadata: shown, and edited in one form whose
 * changes go through the diff dialog. The edit is a copy of the object onto
 * itself; on a versioned bucket that leaves a new version, and the dialog
 * says so before Apply.
 */
import { useState } from 'react';
import type { EditableHeader, HttpHeaders, ObjectInspection } from '../../../../app/api/inspect-types';
import { EDITABLE_HEADERS, HEADER_LABELS } from './header-names';
import { DiffDialog, pairChanges, type Change } from './DiffDialog';
import { Modal } from './Modal';
import { KeyValueTable, SectionFrame } from './SectionFrame';
import { useEditAttributes } from './use-inspection';

function versionNote(data: ObjectInspection): string[] {
  const v = data.versions;
  return v.state === 'ok' && v.value.bucketVersioning === 'enabled'
    ? ['This bucket keeps versions: the change is written as a new version, and the current one stays in Versions.']
    : [];
}

interface Draft {
  headers: HttpHeaders;
  metadata: [string, string][];
  storageClass: string;
}

function EditForm({ data, onReview, onClose }: { data: ObjectInspection; onReview: (d: Draft) => void; onClose: () => void }) {
  const [headers, setHeaders] = useState<HttpHeaders>({ ...data.headers.values });
  const [metadata, setMetadata] = useState<[string, string][]>(Object.entries(data.metadata));
  const [storageClass, setStorageClass] = useState(data.general.storageClass);
  return (
    <Modal title="Edit headers and metadata" onClose={onClose}>
      <form
        className="edit-form"
        onSubmit={(e) => {
          e.preventDefault();
          onReview({ headers, metadata, storageClass: storageClass.trim() });
        }}
      >
        <fieldset>
          <legend>HTTP headers</legend>
          {EDITABLE_HEADERS.map((h: EditableHeader) => (
            <label key={h}>
              {HEADER_LABELS[h]}
              <input value={headers[h] ?? ''} onChange={(e) => setHeaders({ ...headers, [h]: e.target.value })} />
            </label>
          ))}
        </fieldset>
        <label>
          Storage class
          <input value={storageClass} onChange={(e) => setStorageClass(e.target.value)} />
        </label>
        <fieldset>
          <legend>User metadata</legend>
          {metadata.map(([k, v], i) => (
            <div className="pair-row" key={i}>
              <input
                aria-label={`Metadata name ${i + 1}`}
                value={k}
                onChange={(e) => setMetadata(metadata.map((p, j) => (j === i ? [e.target.value, p[1]] : p)))}
              />
              <input
                aria-label={`Metadata value ${i + 1}`}
                value={v}
                onChange={(e) => setMetadata(metadata.map((p, j) => (j === i ? [p[0], e.target.value] : p)))}
              />
              <button
                type="button"
                className="small"
                aria-label={`Remove metadata ${k || i + 1}`}
                onClick={() => setMetadata(metadata.filter((_, j) => j !== i))}
              >
                Remove
              </button>
            </div>
          ))}
          <button type="button" className="small" onClick={() => setMetadata([...metadata, ['', '']])}>
            Add metadata
          </button>
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

export function HeadersAndMetadata({ data }: { data: ObjectInspection }) {
  const [step, setStep] = useState<'closed' | 'form' | 'diff'>('closed');
  const [draft, setDraft] = useState<Draft | null>(null);
  const edit = useEditAttributes();
  const item = data.item;

  const beforeHeaders = Object.fromEntries(Object.entries(data.headers.values)) as Record<string, string>;
  const afterHeaders = draft
    ? (Object.fromEntries(Object.entries(draft.headers).filter(([, v]) => v !== '')) as Record<string, string>)
    : {};
  const afterMeta = draft
    ? Object.fromEntries(draft.metadata.filter(([k]) => k.trim() !== '').map(([k, v]) => [k.trim().toLowerCase(), v]))
    : {};
  const changes: Change[] = draft
    ? [
        ...pairChanges(beforeHeaders, afterHeaders, (k) => HEADER_LABELS[k as EditableHeader]),
        ...pairChanges(data.metadata, afterMeta, (k) => `Metadata: ${k}`),
        ...(draft.storageClass !== data.general.storageClass
          ? [{ field: 'Storage class', before: data.general.storageClass, after: draft.storageClass }]
          : []),
      ]
    : [];

  const apply = () => {
    const headers: HttpHeaders = {};
    for (const h of EDITABLE_HEADERS) if ((beforeHeaders[h] ?? '') !== (afterHeaders[h] ?? '')) headers[h] = afterHeaders[h] ?? '';
    const put = Object.fromEntries(Object.entries(afterMeta).filter(([k, v]) => data.metadata[k] !== v));
    const remove = Object.keys(data.metadata).filter((k) => !(k in afterMeta));
    edit.mutate(
      {
        connectionId: item.connectionId,
        bucket: item.bucket,
        keys: [item.key],
        edit: {
          headers,
          metadata: { put, remove },
          ...(draft && draft.storageClass !== data.general.storageClass ? { storageClass: draft.storageClass } : {}),
        },
      },
      {
        onSuccess: (result) => {
          if (result.items.every((r) => r.ok)) {
            setStep('closed');
            setDraft(null);
          }
        },
      },
    );
  };
  const failed = edit.data?.items.find((r) => !r.ok);

  return (
    <>
      <SectionFrame
        title="HTTP headers"
        actions={
          <button type="button" className="small" onClick={() => (edit.reset(), setStep('form'))}>
            Edit headers and metadata
          </button>
        }
      >
        <KeyValueTable
          caption="HTTP headers"
          empty="No headers set besides the defaults."
          rows={EDITABLE_HEADERS.filter((h) => data.headers.values[h] !== undefined).map((h): [string, string] => [
            HEADER_LABELS[h],
            data.headers.values[h] ?? '',
          ])}
        />
        <details className="raw-head" open>
          <summary>Raw HEAD response</summary>
          <KeyValueTable caption="Response headers" rows={Object.entries(data.headers.raw).sort(([a], [b]) => a.localeCompare(b))} />
        </details>
      </SectionFrame>
      <SectionFrame title="User metadata">
        <KeyValueTable caption="User metadata" rows={Object.entries(data.metadata)} />
        <p className="muted small-print">{data.metadataBytes.toLocaleString()} of 2,048 bytes used</p>
      </SectionFrame>
      {step === 'form' && (
        <EditForm
          data={data}
          onClose={() => setStep('closed')}
          onReview={(d) => {
            setDraft(d);
            setStep('diff');
          }}
        />
      )}
      {step === 'diff' && (
        <DiffDialog
          title="Review changes"
          changes={changes}
          notes={[...versionNote(data), 'Tags, encryption, object lock and access settings are kept.']}
          pending={edit.isPending}
          error={edit.error ?? (failed ? new Error(failed.message) : null)}
          onApply={apply}
          onClose={() => setStep('closed')}
        />
      )}
    </>
  );
}
