/**
 * The inspector region: an S3 object's sections (inspector/ObjectInspector),
 * or a local file's attributes.
 */
import type { ItemRef } from '../../../app/api/types';
import { CallError } from '../bridge/ferry-client';
import { formatBytes, formatDate, visibleName } from '../format';
import { useInspect } from '../hooks/queries';
import { ObjectInspector } from './inspector/ObjectInspector';

function KeyValueTable({ caption, rows }: { caption: string; rows: [string, string][] }) {
  return (
    <table aria-label={caption} className="kv">
      <caption>{caption}</caption>
      <tbody>
        {rows.length === 0 ? (
          <tr>
            <td colSpan={2} className="muted">
              None
            </td>
          </tr>
        ) : (
          rows.map(([k, v]) => (
            <tr key={k}>
              <th scope="row">{k}</th>
              <td>{v}</td>
            </tr>
          ))
        )}
      </tbody>
    </table>
  );
}

export function Inspector({ item }: { item: ItemRef | null }) {
  return (
    <section aria-label="Inspector" className="inspector">
      <h2>Inspector</h2>
      {!item && <p className="muted">Select an object to see its metadata.</p>}
      {item?.kind === 's3' && <ObjectInspector key={JSON.stringify(item)} item={item} />}
      {item?.kind === 'local' && <LocalFileDetails item={item} />}
    </section>
  );
}

function LocalFileDetails({ item }: { item: ItemRef }) {
  const details = useInspect(item);
  const title = item ? visibleName(item.kind === 'local' ? item.path : item.key) : null;
  return (
    <>
      {item && details.isPending && <p className="muted">Loading…</p>}
      {details.isError && (
        <p role="alert" className="inline-error">
          {details.error instanceof CallError ? details.error.data.message : String(details.error)}
        </p>
      )}
      {item && details.data && (
        <>
          <p className="inspector-title">{title}</p>
          <KeyValueTable
            caption="Properties"
            rows={[
              ['Size', `${formatBytes(details.data.size)} (${details.data.size.toLocaleString()} bytes)`],
              ['Last modified', formatDate(details.data.lastModified)],
              ['ETag', details.data.etag ?? ''],
              ['Content type', details.data.contentType ?? ''],
              ['Storage class', details.data.storageClass ?? ''],
            ]}
          />
          <KeyValueTable caption="User metadata" rows={Object.entries(details.data.metadata)} />
          <KeyValueTable caption="Response headers" rows={Object.entries(details.data.headers).sort(([a], [b]) => a.localeCompare(b))} />
        </>
      )}
    </>
  );
}
