/**
 * Several objects selected: their totals, what they share and what is
 * "mixed", and a tag added to all of them at once (through the same diff
 * and Apply as one object's). An edit of the selection runs as a job in
 * Transfers, over every selected object up to the job's limit.
 */
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { S3ItemRef, Shared } from '../../../../app/api/inspect-types';
import { call } from '../../bridge/ferry-client';
import { formatBytes, formatDate } from '../../format';
import { DiffDialog, errorMessage } from './DiffDialog';
import { KeyValueTable, SectionFrame } from './SectionFrame';
import { SelectionEdit } from './SelectionEdit';
import { useStartEditJob } from './use-inspection';

const text = (s: Shared<string>) => (s.same ? (s.value ?? 'None') : 'Mixed');

/** The most objects one edit job takes (what the call accepts). */
export const EDIT_JOB_LIMIT = 10_000;

export function SelectionSummary({ items, every, selected }: { items: S3ItemRef[]; every: S3ItemRef[]; selected: number }) {
  const first = items[0] as S3ItemRef;
  const keys = items.map((i) => i.key);
  const targets = every.slice(0, EDIT_JOB_LIMIT);
  const summary = useQuery({
    queryKey: ['inspection', 'summary', first.connectionId, first.bucket, keys],
    queryFn: () => call('inspect.summary', { connectionId: first.connectionId, bucket: first.bucket, keys }),
    retry: false,
  });
  const [adding, setAdding] = useState(false);
  const [tag, setTag] = useState({ key: '', value: '' });
  const [reviewing, setReviewing] = useState(false);
  const [editing, setEditing] = useState(false);
  const edit = useStartEditJob();

  if (summary.isPending) return <p className="muted">Loading…</p>;
  if (summary.isError) {
    return (
      <p role="alert" className="inline-error">
        {errorMessage(summary.error)}
      </p>
    );
  }
  const s = summary.data;
  return (
    <div className="object-inspector">
      <p className="inspector-title">{selected.toLocaleString()} objects selected</p>
      {selected > s.count && (
        <p className="muted">
          Totals and shared values cover the first {s.count.toLocaleString()}; an edit made here goes to{' '}
          {targets.length < selected ? `the first ${targets.length.toLocaleString()}` : `all ${selected.toLocaleString()}`}.
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
        {edit.data && <p className="muted">Tagging {targets.length.toLocaleString()} objects: follow it in Transfers.</p>}
      </SectionFrame>
      {s.failed.length > 0 && (
        <p role="alert" className="inline-error">
          {s.failed.length} could not be read: {s.failed.map((f) => `${f.key} (${f.message})`).join('; ')}
        </p>
      )}
      {editing && <SelectionEdit items={targets} summary={s} onClose={() => setEditing(false)} />}
      {reviewing && (
        <DiffDialog
          title="Review tag changes"
          changes={[{ field: `Tag: ${tag.key}`, before: undefined, after: tag.value }]}
          notes={[
            `Added to each of the ${targets.length.toLocaleString()} objects; their other tags stay.`,
            'Runs as a job in Transfers, where it can be paused or cancelled and any object that fails is listed.',
          ]}
          pending={edit.isPending}
          error={edit.error}
          onApply={() =>
            edit.mutate(
              {
                connectionId: first.connectionId,
                bucket: first.bucket,
                keys: targets.map((i) => i.key),
                task: { kind: 'tags', edit: { put: { [tag.key]: tag.value } } },
              },
              {
                onSuccess: () => {
                  setReviewing(false);
                  setAdding(false);
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
