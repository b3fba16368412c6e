/** The per-job conflict policy for the next drops: what to do when the destination already holds a name. */
import type { ConflictPolicy } from '../../../app/api/types';

export const conflictOptions: [ConflictPolicy, string][] = [
  ['ask', 'Ask me'],
  ['skip', 'Skip'],
  ['overwrite', 'Overwrite'],
  ['keep-both', 'Keep both (rename)'],
  ['overwrite-if-newer', 'Overwrite if newer'],
  ['overwrite-if-different', 'Overwrite if size differs'],
];

export function ConflictPolicyPicker({ value, onChange }: { value: ConflictPolicy; onChange(value: ConflictPolicy): void }) {
  return (
    <label className="inline-field">
      If it exists:
      <select aria-label="If the destination exists" value={value} onChange={(e) => onChange(e.target.value as ConflictPolicy)}>
        {conflictOptions.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
}
