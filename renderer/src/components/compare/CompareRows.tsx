/**
 * The compare's rows that pass the filter, as a table; only the first few
 * hundred are drawn, the counts say how many match. A row that differs can
 * be acted on alone: copy it over the other side (an ordinary transfer job).
 */
import { useState } from 'react';
import type { CompareClass, CompareRow, Location, SyncMode } from '../../../../app/api/types';
import { call, CallError } from '../../bridge/ferry-client';
import { formatBytes } from '../../format';
import { className, folderFor, itemAt, REASONS } from './compare-text';

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
}

/** Which way copying a row alone goes: the way the sync would take it, or null when it would leave it alone. */
function wayOf(r: CompareRow, mode: SyncMode): 'right' | 'left' | null {
  if (r.cls === 'same') return null;
  if (r.cls === 'only-right') return 'left';
  if (r.cls === 'only-left' || mode === 'mirror') return 'right';
  const l = r.left?.mtime;
  const m = r.right?.mtime;
  if (l === undefined || m === undefined || Math.abs(l - m) <= MTIME_TOLERANCE_MS) return null;
  return l > m ? 'right' : 'left';
}

/** The core's tolerance for two clocks (app/sync/compare.ts). */
const MTIME_TOLERANCE_MS = 2000;

export function CompareRows({ rows, shown, text, leftName, rightName, left, right, mode }: Props) {
  const [started, setStarted] = useState<Record<string, string>>({});
  const copy = async (row: CompareRow) => {
    const back = wayOf(row, mode) === 'left';
    const [from, to] = back ? [right, left] : [left, right];
    try {
      await call('transfer.start', {
        sources: [itemAt(from, row.key)],
        destination: folderFor(to, row.key),
        mode: 'copy',
        conflict: 'overwrite',
      });
      setStarted((s) => ({ ...s, [row.key]: 'Copy started' }));
    } catch (err) {
      setStarted((s) => ({ ...s, [row.key]: err instanceof CallError ? err.data.message : String(err) }));
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
                  <span className={`compare-badge cls-${r.cls}`}>{className(r.cls, leftName, rightName)}</span>
                </td>
                <td className="muted">{REASONS[r.reason]}</td>
                <td className="num">{r.left ? formatBytes(r.left.size) : '—'}</td>
                <td className="num">{r.right ? formatBytes(r.right.size) : '—'}</td>
                <td className="compare-action">
                  {started[r.key] ? (
                    <span className="muted">{started[r.key]}</span>
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
