/**
 * What a pane's status line says about its selection. Only files and objects
 * have a size in a listing; a folder's would take a walk of everything below
 * it, so a selection of folders gives no byte count rather than a false "0 B",
 * and a mixed one says whose bytes it counted.
 */
import type { Entry } from '../../../app/api/types';
import { formatBytes } from '../format';

const count = (n: number) => n.toLocaleString();

export function selectionSummary(selected: readonly Entry[]): string {
  let files = 0;
  let bytes = 0;
  for (const e of selected) {
    if (e.kind !== 'object' && e.kind !== 'file') continue;
    files++;
    bytes += e.size ?? 0;
  }
  const head = `${count(selected.length)} selected`;
  if (files === 0) return head;
  if (files === selected.length) return `${head} (${formatBytes(bytes)})`;
  return `${head} (${formatBytes(bytes)} in ${count(files)} ${files === 1 ? 'file' : 'files'})`;
}
