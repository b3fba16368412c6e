/** Tags: listed, added and removed through the tagging calls, each change shown in the diff dialog first. */
import { useState } from 'react';
import type { ObjectInspection, Tag } from '../../../../app/api/inspect-types';
import { DiffDialog, pairChanges } from './DiffDialog';
import { SectionBody, SectionFrame } from './SectionFrame';
import { useEditTags } from './use-inspection';

type Pending = { put: Record<string, string>; remove: string[] };

function TagList({ tags, onRemove }: { tags: Tag[]; onRemove: (key: string) => void }) {
  return (
    <table aria-label="Tags" className="kv">
      <tbody>
        {tags.length === 0 ? (
          <tr>
            <td colSpan={3} className="muted">
              No tags
            </td>
          </tr>
        ) : (
          tags.map((t) => (
            <tr key={t.key}>
              <th scope="row">{t.key}</th>
              <td>{t.value}</td>
              <td className="row-action">
                <button type="button" className="small" aria-label={`Remove tag ${t.key}`} onClick={() => onRemove(t.key)}>
                  Remove
                </button>
              </td>
            </tr>
          ))
        )}
      </tbody>
    </table>
  );
}

export function TagsSection({ data }: { data: ObjectInspection }) {
  const [adding, setAdding] = useState(false);
  const [key, setKey] = useState('');
  const [value, setValue] = useState('');
  const [pending, setPending] = useState<Pending | null>(null);
  const edit = useEditTags();
  const item = data.item;
  const current = data.tags.state === 'ok' ? Object.fromEntries(data.tags.value.map((t) => [t.key, t.value])) : {};
  const after = pending
    ? { ...Object.fromEntries(Object.entries(current).filter(([k]) => !pending.remove.includes(k))), ...pending.put }
    : current;

  const review = (p: Pending) => {
    edit.reset();
    setPending(p);
  };
  const apply = () => {
    if (!pending) return;
    edit.mutate(
      { connectionId: item.connectionId, bucket: item.bucket, keys: [item.key], edit: pending },
      {
        onSuccess: (result) => {
          if (result.items.every((r) => r.ok)) {
            setPending(null);
            setAdding(false);
            setKey('');
            setValue('');
          }
        },
      },
    );
  };
  const failed = edit.data?.items.find((r) => !r.ok);

  return (
    <SectionFrame
      title="Tags"
      actions={
        data.tags.state === 'ok' && !adding ? (
          <button type="button" className="small" onClick={() => setAdding(true)}>
            Add tag
          </button>
        ) : undefined
      }
    >
      <SectionBody section={data.tags} render={(tags) => <TagList tags={tags} onRemove={(k) => review({ put: {}, remove: [k] })} />} />
      {adding && (
        <form
          className="tag-form"
          aria-label="New tag"
          onSubmit={(e) => {
            e.preventDefault();
            review({ put: { [key]: value }, remove: [] });
          }}
        >
          <label>
            Key
            <input value={key} onChange={(e) => setKey(e.target.value)} required />
          </label>
          <label>
            Value
            <input value={value} onChange={(e) => setValue(e.target.value)} />
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
      {pending && (
        <DiffDialog
          title="Review tag changes"
          changes={pairChanges(current, after, (k) => `Tag: ${k}`)}
          notes={['Tags change in place: no new version is written.']}
          pending={edit.isPending}
          error={edit.error ?? (failed ? new Error(failed.message) : null)}
          onApply={apply}
          onClose={() => setPending(null)}
        />
      )}
    </SectionFrame>
  );
}
