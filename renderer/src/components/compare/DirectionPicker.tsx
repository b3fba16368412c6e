/**
 * Which way the sync goes, and what it does with keys that differ, said
 * before anything runs: one pane onto the other (the destination is made to
 * match; deletes only when asked), or both ways, where the newer side wins
 * and a key whose times cannot say is a conflict, listed and left alone.
 */
import { useId } from 'react';
import { MTIME_TOLERANCE_TEXT, type Direction } from './compare-text';

interface Props {
  direction: Direction;
  leftName: string;
  rightName: string;
  onChange(d: Direction): void;
}

export function DirectionPicker({ direction, leftName, rightName, onChange }: Props) {
  const name = useId();
  const policyId = useId();
  const options: [Direction, string][] = [
    ['a-b', `${leftName} → ${rightName}`],
    ['b-a', `${rightName} → ${leftName}`],
    ['both', 'Both ways (newer wins)'],
  ];
  const [src, dst] = direction === 'b-a' ? [rightName, leftName] : [leftName, rightName];
  return (
    <div className="compare-direction">
      <div role="radiogroup" aria-label="Sync direction" aria-describedby={policyId} className="compare-direction-choices">
        {options.map(([d, label]) => (
          <label key={d} className="check">
            <input type="radio" name={name} value={d} checked={direction === d} onChange={() => onChange(d)} />
            {label}
          </label>
        ))}
      </div>
      <p id={policyId} className="muted compare-policy">
        {direction === 'both'
          ? `Each key that differs is copied from the side changed last to the other; a key on one side only is copied to the other; nothing is deleted. Conflicts (both sides changed, with modification times within ${MTIME_TOLERANCE_TEXT} of each other or unknown) are listed and left alone on both sides.`
          : `Makes ${dst} match ${src}: uploads what ${dst} lacks and overwrites what differs. Objects only in ${dst} are kept unless you choose to delete them. Unknown keys (multipart ETags of equal size) are skipped; a deep compare settles them.`}
      </p>
    </div>
  );
}
