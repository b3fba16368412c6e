/**
 * The compare's rows that pass the filter, as a table; only the first few
 * hundred are drawn, the counts say how many match. A row that differs can
 * be acted on alone: copy it over the other side (an ordinary transfer job);
 * a two-way conflict is resolved here (keep either side, or skip it) and the
 * sync carries the choice out.
 */
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { CompareClass, CompareRow, Location, SyncMode } from '../../../../app/api/types';
import { call, CallError } from '../../bridge/ferry-client';
import { formatBytes } from '../../format';
import { queryKeys } from '../../hooks/queries';
import { className, folderFor, itemAt, REASONS } from './compare-text';
import { conflicted, wayOf, type ConflictChoice } from './conflict-choices';
import { ConflictPicker } from './ConflictPicker';

const DRAWN = 500;

interface Props {
  rows: CompareRow[];
  shown: Set<CompareClass>;
  text: string;
  leftName: string;
  rightName: string;
  left: Location;
  right: Location;
  /** In a two-way compare a row is copied from its newer side, and a row whose times cannot say is not offered. */
  mode: SyncMode;
  choices: Record<string, ConflictChoice>;
  onChoose(key: string, choice: ConflictChoice | undefined): void;
}

/** A row copied alone: its job, or why it could not start. */
type Started = { jobId: string } | { error: string };

/** What a row copied alone shows: its job's state as it goes, not only that it started. */
function startedLabel(s: Started, state: string | undefined): string {
  if ('error' in s) return s.error;
  if (state === 'done') return 'Copied';
  if (state === 'failed') return 'Copy failed (see Transfers)';
  if (state === 'cancelled') return 'Copy cancelled';
  return 'Copying…';
}

export function CompareRows({ rows, shown, text, leftName, rightName, left, right, mode, choices, onChoose }: Props) {
  // The panel keys this component by compare, so what was copied from an earlier compare's rows is not shown on a new one.
  const [started, setStarted] = useState<Record<string, Started>>({});
  const jobs = useQuery({ queryKey: queryKeys.jobs, queryFn: () => call('transfer.list', {}), staleTime: Infinity });
  const jobState = (s: Started) => ('jobId' in s ? jobs.data?.find((j) => j.id === s.jobId)?.state : undefined);
  const copy = async (row: CompareRow) => {
    const back = wayOf(row, mode) === 'left';
    const [from, to] = back ? [right, left] : [left, right];
    try {
      const job = await call('transfer.start', {
        sources: [itemAt(from, row.key)],
        destination: folderFor(to, row.key),
        mode: 'copy',
        conflict: 'overwrite',
      });
      setStarted((s) => ({ ...s, [row.key]: { jobId: job.id } }));
    } catch (err) {
      setStarted((s) => ({ ...s, [row.key]: { error: err instanceof CallError ? err.data.message : String(err) } }));
    }
  };
  const needle = text.trim().toLowerCase();
  const matching = rows.filter((r) => shown.has(r.cls) && (needle === '' || r.key.toLowerCase().includes(needle)));
  return (
    <>
      <div className="compare-table-wrap">
        <table className="compare-table" aria-label="Compared keys">
          <thead>
            <tr>
              <th scope="col">Key</th>
              <th scope="col">Result</th>
              <th scope="col">Why</th>
              <th scope="col" className="num">
                {leftName}
              </th>
              <th scope="col" className="num">
                {rightName}
              </th>
              <th scope="col">
                <span className="visually-hidden">Action</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {matching.slice(0, DRAWN).map((r) => (
              <tr key={r.key} className={`cls-${r.cls}`}>
                <td className="compare-key" title={r.key}>
                  {r.key}
                </td>
                <td>
                  <span className={`compare-badge cls-${r.cls}`}>
                    {conflicted(r, mode) ? 'Conflict' : className(r.cls, leftName, rightName)}
                  </span>
                </td>
                <td className="muted">{REASONS[r.reason]}</td>
                <td className="num">{r.left ? formatBytes(r.left.size) : '—'}</td>
                <td className="num">{r.right ? formatBytes(r.right.size) : '—'}</td>
                <td className="compare-action">
                  {started[r.key] ? (
                    <span className="muted">{startedLabel(started[r.key] as Started, jobState(started[r.key] as Started))}</span>
                  ) : conflicted(r, mode) ? (
                    <ConflictPicker
                      rowKey={r.key}
                      leftName={leftName}
                      rightName={rightName}
                      choice={Object.hasOwn(choices, r.key) ? choices[r.key] : undefined}
                      onChoose={(c) => onChoose(r.key, c)}
                    />
                  ) : wayOf(r, mode) === null ? null : (
                    <button
                      type="button"
                      className="link"
                      aria-label={`Copy ${r.key} to ${wayOf(r, mode) === 'left' ? leftName : rightName}`}
                      onClick={() => void copy(r)}
                    >
                      {wayOf(r, mode) === 'left' ? `← ${leftName}` : `→ ${rightName}`}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted compare-shown" role="status">
        {matching.length === 0
          ? 'No keys match.'
          : matching.length > DRAWN
            ? `Showing the first ${DRAWN.toLocaleString('en-US')} of ${matching.length.toLocaleString('en-US')} matching keys.`
            : `${matching.length.toLocaleString('en-US')} matching keys.`}
      </p>
    </>
  );
}
