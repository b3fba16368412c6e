/** The items of one job, fetched when expanded and refreshed as the job's progress arrives; failures first. */
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { ItemRef, JobSnapshot } from '../../../../app/api/types';
import { call } from '../../bridge/ferry-client';
import { exactBytes, formatBytes, visibleName } from '../../format';

const PAGE = 200;

function sourceName(item: ItemRef): string {
  return item.kind === 'local' ? item.path : `${item.bucket}/${item.key}`;
}

export function JobItems({ job }: { job: JobSnapshot }) {
  const [onlyFailed, setOnlyFailed] = useState(job.itemsFailed > 0);
  const items = useQuery({
    queryKey: ['transfer.items', job.id, onlyFailed, job.itemsDone, job.itemsFailed, job.state],
    queryFn: () => call('transfer.items', { jobId: job.id, offset: 0, limit: PAGE, ...(onlyFailed ? { only: 'failed' as const } : {}) }),
    placeholderData: (previous) => previous,
  });
  return (
    <div className="job-items">
      <label className="checkbox">
        <input type="checkbox" checked={onlyFailed} onChange={(e) => setOnlyFailed(e.target.checked)} />
        Only failed items
      </label>
      <table aria-label={`Items of ${job.label}`} className="job-items-table">
        <colgroup>
          <col className="col-item" />
          <col className="col-state" />
          <col className="col-size" />
          {/* Failed items rarely had a method yet: their reasons get the room instead. */}
          {!onlyFailed && <col className="col-method" />}
          <col className="col-error" />
        </colgroup>
        <thead>
          <tr>
            <th scope="col">Item</th>
            <th scope="col">State</th>
            <th scope="col">Size</th>
            {!onlyFailed && <th scope="col">Method</th>}
            <th scope="col">Error</th>
          </tr>
        </thead>
        <tbody>
          {items.data?.items.map((item) => (
            <tr key={item.id}>
              <td>{visibleName(sourceName(item.source))}</td>
              <td className="nowrap">{item.state}</td>
              <td
                className="num nowrap"
                title={exactBytes(item.bytesTotal)}
                aria-label={`${formatBytes(item.bytesTotal)} (${exactBytes(item.bytesTotal)})`}
              >
                {formatBytes(item.bytesTotal)}
              </td>
              {!onlyFailed && <td className="nowrap">{item.method ?? ''}</td>}
              <td className="inline-error">{item.error?.message ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {items.data && items.data.total > items.data.items.length && (
        <p className="muted">
          Showing {items.data.items.length} of {items.data.total.toLocaleString()} items.
        </p>
      )}
    </div>
  );
}
