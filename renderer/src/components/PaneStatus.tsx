/** A pane's status bar: items listed, shown through the filter, selected and their bytes, and whether the listing is still loading. */
import type { Entry } from '../../../app/api/types';
import { selectionSummary } from '../listing/selection-summary';
import { moveModifierName } from '../drag';

const count = (n: number) => n.toLocaleString();

interface Props {
  id: string;
  /** Rows listed that the pane shows (hidden files left out unless Settings shows them). */
  loaded: number;
  /** Rows listed that are hidden files the pane leaves out: counted apart, so "13 items" never sits over one row. */
  hidden?: number;
  shown: number;
  filtering: boolean;
  sorted: boolean;
  selected: readonly Entry[];
  more: { hasMore: boolean; loadingMore: boolean; cut: boolean };
  /** The place is not there any more: the rows counted before it went are not shown, so they are not counted. */
  gone?: boolean;
}

function listingText(loaded: number, more: Props['more']): string {
  if (more.cut) return `Showing the first ${count(loaded)} items; this folder holds more.`;
  if (more.hasMore) return `${count(loaded)} items loaded; ${more.loadingMore ? 'loading more…' : 'more load as you scroll.'}`;
  return loaded === 1 ? '1 item' : `${count(loaded)} items`;
}

export function PaneStatus({ id, loaded, hidden = 0, shown, filtering, sorted, selected, more, gone = false }: Props) {
  const partial = more.hasMore && !more.cut;
  const parts = [gone ? 'Nothing listed' : listingText(loaded, more)];
  if (!gone && hidden > 0) parts.push(`${count(hidden)} hidden`);
  if (filtering) parts.push(`${count(shown)} match${partial ? ' among the rows loaded so far' : ''}`);
  if (sorted && partial) parts.push('sorted as they arrive');
  return (
    <footer className="pane-status">
      <p id={id} className="muted" role="status">
        {parts.join(' · ')}
      </p>
      <p className="muted">{selected.length > 0 ? selectionSummary(selected) : `Drag to copy, hold ${moveModifierName} to move`}</p>
    </footer>
  );
}
