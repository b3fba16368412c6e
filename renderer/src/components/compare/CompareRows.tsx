/** The compare's rows that pass the filter, as a table; only the first few hundred are drawn, the counts say how many match. */
import type { CompareClass, CompareRow } from '../../../../app/api/types';
import { formatBytes } from '../../format';
import { className, REASONS } from './compare-text';

const DRAWN = 500;

interface Props {
  rows: CompareRow[];
  shown: Set<CompareClass>;
  text: string;
  leftName: string;
  rightName: string;
}

export function CompareRows({ rows, shown, text, leftName, rightName }: Props) {
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
