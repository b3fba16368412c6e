/**
 * One conflict's resolution in the compare's rows: keep the first pane's
 * copy, the second's, or skip it. Unresolved, the sync leaves it alone.
 */
import type { ConflictChoice } from './conflict-choices';

interface Props {
  rowKey: string;
  leftName: string;
  rightName: string;
  choice: ConflictChoice | undefined;
  onChoose(choice: ConflictChoice | undefined): void;
}

export function ConflictPicker({ rowKey, leftName, rightName, choice, onChoose }: Props) {
  return (
    <select
      className="conflict-picker"
      aria-label={`Resolve the conflict on ${rowKey}`}
      value={choice ?? ''}
      onChange={(e) => onChoose(e.target.value === '' ? undefined : (e.target.value as ConflictChoice))}
    >
      <option value="">Choose…</option>
      <option value="left">Keep {leftName}</option>
      <option value="right">Keep {rightName}</option>
      <option value="skip">Skip</option>
    </select>
  );
}
