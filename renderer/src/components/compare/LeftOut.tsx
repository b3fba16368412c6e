/**
 * Local entries a compare left out because they are not files (a link to
 * nothing, a link back up, a named pipe): said in one line, and each named
 * with its reason on demand, so nothing is missing from a sync unseen: in a
 * compare's results, and under the sync's job in the transfers list.
 */
import type { LeftOutEntries } from '../../../../app/api/types';
import { visibleName } from '../../format';

export function LeftOut({ leftOut, className = '' }: { leftOut: LeftOutEntries; className?: string }) {
  const n = leftOut.count.toLocaleString('en-US');
  const more = leftOut.count - leftOut.first.length;
  return (
    <details className={`compare-left-out ${className}`.trim()}>
      <summary>
        {leftOut.count === 1 ? '1 local entry is' : `${n} local entries are`} left out: not files, so a sync cannot send them.
      </summary>
      <ul aria-label="Left out">
        {leftOut.first.map((e) => (
          <li key={e.path}>
            <span className="compare-left-out-path">{visibleName(e.path)}</span>: {e.reason}
          </li>
        ))}
        {more > 0 && <li className="muted">… and {more.toLocaleString('en-US')} more.</li>}
      </ul>
    </details>
  );
}
