/**
 * The inspector region: an S3 object's sections (inspector/ObjectInspector),
 * or a local file's attributes.
 */
import type { ItemRef } from '../../../app/api/types';
import { CallError } from '../bridge/ferry-client';
import { formatBytes, formatDate, visibleName } from '../format';
import { useInspect } from '../hooks/queries';
import { ObjectInspector } from './inspector/ObjectInspector';
import { SelectionSummary } from './inspector/SelectionSummary';

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

/** A summary HEADs every object it covers; past this many it covers the first ones and says so. */
const SUMMARY_LIMIT = 1000;

/** Several objects of one bucket, when that is what is selected. */
function oneBucket(items: ItemRef[]) {
  const s3 = items.flatMap((i) => (i.kind === 's3' ? [i] : []));
  const first = s3[0];
  return s3.length > 1 && s3.length === items.length && s3.every((i) => i.connectionId === first?.connectionId && i.bucket === first.bucket)
    ? s3
    : null;
}

export function Inspector({ item, items = [] }: { item: ItemRef | null; items?: ItemRef[] }) {
  const many = oneBucket(items);
  return (
    <section aria-label="Inspector" className="inspector">
      <h2>Inspector</h2>
      {!item && !many && <p className="muted">Select an object to see its metadata.</p>}
      {many && <SelectionSummary items={many.slice(0, SUMMARY_LIMIT)} every={many} selected={many.length} />}
      {!many && item?.kind === 's3' && <ObjectInspector key={JSON.stringify(item)} item={item} />}
      {!many && item?.kind === 'local' && <LocalFileDetails item={item} />}
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
