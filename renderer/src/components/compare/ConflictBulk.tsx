/**
 * One choice for every conflict not yet resolved, for the compare that finds
 * many: keep one side throughout, or skip them all. Choices already made row
 * by row stay as they are.
 */
import type { ConflictChoice } from './conflict-choices';

interface Props {
  unresolved: number;
  leftName: string;
  rightName: string;
  onAll(choice: ConflictChoice): void;
}

export function ConflictBulk({ unresolved, leftName, rightName, onAll }: Props) {
  if (unresolved === 0) return null;
  return (
    <div className="conflict-bulk" role="group" aria-label="Resolve the remaining conflicts">
      <span>{unresolved === 1 ? '1 conflict' : `${unresolved.toLocaleString('en-US')} conflicts`} not resolved yet:</span>
      <button type="button" onClick={() => onAll('left')}>
        Keep {leftName} for all
      </button>
      <button type="button" onClick={() => onAll('right')}>
        Keep {rightName} for all
      </button>
      <button type="button" onClick={() => onAll('skip')}>
        Skip all
      </button>
    </div>
  );
}
