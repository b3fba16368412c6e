/**
 * Several objects selected: their totals, what they share and what is
 * "mixed", and a tag added to all of them at once (through the same diff
 * and Apply as one object's).
 */
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { S3ItemRef, Shared } from '../../../../app/api/inspect-types';
import { call } from '../../bridge/ferry-client';
import { formatBytes, formatDate } from '../../format';
import { DiffDialog, errorMessage } from './DiffDialog';
import { KeyValueTable, SectionFrame } from './SectionFrame';
import { SelectionEdit } from './SelectionEdit';
import { useEditTags } from './use-inspection';

const text = (s: Shared<string>) => (s.same ? (s.value ?? 'None') : 'Mixed');

export function SelectionSummary({ items, selected }: { items: S3ItemRef[]; selected: number }) {
  const first = items[0] as S3ItemRef;
  const keys = items.map((i) => i.key);
  const summary = useQuery({
    queryKey: ['inspection', 'summary', first.connectionId, first.bucket, keys],
    queryFn: () => call('inspect.summary', { connectionId: first.connectionId, bucket: first.bucket, keys }),
    retry: false,
  });
  const [adding, setAdding] = useState(false);
  const [tag, setTag] = useState({ key: '', value: '' });
  const [reviewing, setReviewing] = useState(false);
  const [editing, setEditing] = useState(false);
  const edit = useEditTags();

  if (summary.isPending) return <p className="muted">Loading…</p>;
  if (summary.isError) {
    return (
      <p role="alert" className="inline-error">
        {errorMessage(summary.error)}
      </p>
    );
  }
  const s = summary.data;
  const failed = edit.data?.items.filter((r) => !r.ok) ?? [];
  return (
    <div className="object-inspector">
      <p className="inspector-title">{selected.toLocaleString()} objects selected</p>
      {selected > s.count && (
        <p className="muted">
          Totals and shared values cover the first {s.count.toLocaleString()}; a tag added here goes to those {s.count.toLocaleString()}.
        </p>
      )}
      <SectionFrame
        title="Selection"
        actions={
          <button type="button" className="small" onClick={() => setEditing(true)}>
            Edit headers and metadata
          </button>
        }
      >
        <KeyValueTable
          caption="Selection"
          rows={[
            ['Objects', s.count.toLocaleString()],
            ['Total size', `${formatBytes(s.totalBytes)} (${s.totalBytes.toLocaleString()} bytes)`],
            ['Content type', text(s.contentType)],
            [
              'Storage class',
              s.storageClass.same
                ? (s.storageClass.value ?? '')
                : Object.entries(s.storageClasses)
                    .map(([c, n]) => `${c} × ${n}`)
                    .join(', '),
            ],
            ['Encryption', text(s.encryption)],
            [
              'Modified',
              s.lastModified.oldest === s.lastModified.newest
                ? formatDate(s.lastModified.newest)
                : `${formatDate(s.lastModified.oldest)} – ${formatDate(s.lastModified.newest)}`,
            ],
          ]}
        />
      </SectionFrame>
      <SectionFrame title="User metadata">
        <KeyValueTable
          caption="Shared user metadata"
          empty="No metadata name is on every object."
          rows={[
            ...Object.entries(s.metadata).map(([k, v]): [string, string] => [k, text(v)]),
            ...s.partialMetadata.map((k): [string, string] => [k, 'On some objects']),
          ]}
        />
      </SectionFrame>
      <SectionFrame
        title="Tags"
        actions={
          !adding && (
            <button type="button" className="small" onClick={() => setAdding(true)}>
              Add tag
            </button>
          )
        }
      >
        {adding && (
          <form
            className="tag-form"
            aria-label="New tag for every selected object"
            onSubmit={(e) => {
              e.preventDefault();
              edit.reset();
              setReviewing(true);
            }}
          >
            <label>
              Key
              <input value={tag.key} onChange={(e) => setTag({ ...tag, key: e.target.value })} required />
            </label>
            <label>
              Value
              <input value={tag.value} onChange={(e) => setTag({ ...tag, value: e.target.value })} />
            </label>
            <div className="dialog-buttons">
              <button type="button" onClick={() => setAdding(false)}>
                Cancel
              </button>
              <button type="submit" className="primary">
                Review tag
              </button>
            </div>
          </form>
        )}
        {edit.data && failed.length === 0 && <p className="muted">Tagged {edit.data.items.length} objects.</p>}
      </SectionFrame>
      {s.failed.length > 0 && (
        <p role="alert" className="inline-error">
          {s.failed.length} could not be read: {s.failed.map((f) => `${f.key} (${f.message})`).join('; ')}
        </p>
      )}
      {editing && <SelectionEdit items={items} summary={s} onClose={() => setEditing(false)} />}
      {reviewing && (
        <DiffDialog
          title="Review tag changes"
          changes={[{ field: `Tag: ${tag.key}`, before: undefined, after: tag.value }]}
          notes={[`Added to each of the ${s.count} objects; their other tags stay.`]}
          pending={edit.isPending}
          error={edit.error ?? (failed.length > 0 ? new Error(failed.map((f) => `${f.key}: ${f.message}`).join('; ')) : null)}
          onApply={() =>
            edit.mutate(
              { connectionId: first.connectionId, bucket: first.bucket, keys, edit: { put: { [tag.key]: tag.value } } },
              {
                onSuccess: (r) => {
                  if (r.items.every((i) => i.ok)) {
                    setReviewing(false);
                    setAdding(false);
                  }
                },
              },
            )
          }
          onClose={() => setReviewing(false)}
        />
      )}
    </div>
  );
}
