/**
 * A pane's filter (Ctrl/⌘+F) over the rows it has loaded, and from the same
 * text, two searches on the server: names starting with it in this folder
 * (a prefix listing) and names containing it anywhere below (a flat listing,
 * streamed page by page). A search can be stopped, keeping what it found,
 * and cleared, going back to the folder.
 */
import type { ListingSearch } from '../hooks/queries';

interface Props {
  paneName: string;
  filter: string;
  onFilter(text: string): void;
  /** A folder in a bucket has both searches; a local folder only the one below; a bucket list none. */
  modes: readonly ListingSearch['mode'][];
  search: ListingSearch | null;
  running: boolean;
  /** The user stopped it before the server had given everything. */
  stopped: boolean;
  found: number;
  onSearch(mode: ListingSearch['mode']): void;
  onStop(): void;
  onClear(): void;
}

export function PaneFilter({ paneName, filter, onFilter, modes, search, running, stopped, found, onSearch, onStop, onClear }: Props) {
  const term = filter.trim();
  const canPrefix = modes.includes('prefix');
  const what = search?.mode === 'prefix' ? `names starting with “${search.term}”` : `“${search?.term ?? ''}” in every folder below`;
  return (
    <div className="pane-filter">
      <div className="pane-filter-row">
        <input
          type="search"
          aria-label={`Filter ${paneName}`}
          placeholder="Filter"
          title={
            canPrefix
              ? 'Filter the rows loaded (Ctrl+F); Enter searches the server for names starting with the text'
              : 'Filter the rows loaded (Ctrl+F)'
          }
          value={filter}
          onChange={(e) => onFilter(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') onFilter('');
            if (e.key === 'Enter' && term && modes[0]) onSearch(modes[0]);
          }}
        />
        {canPrefix && (
          <button
            type="button"
            disabled={!term}
            onClick={() => onSearch('prefix')}
            title="Names starting with the text, in this folder (Enter)"
          >
            Prefix search
          </button>
        )}
        {modes.includes('recursive') && (
          <button
            type="button"
            disabled={!term}
            onClick={() => onSearch('recursive')}
            title={
              canPrefix ? 'Names containing the text, in every folder below' : 'Names containing the text, in every folder below (Enter)'
            }
          >
            Search below
          </button>
        )}
      </div>
      {search && (
        <p className="pane-search-status" role="status">
          {running
            ? `Searching ${what}… ${found.toLocaleString()} found so far.`
            : stopped
              ? `Search stopped: ${found.toLocaleString()} found: ${what}, the rest not searched.`
              : `${found.toLocaleString()} found: ${what}.`}{' '}
          {running && (
            <button type="button" className="link" onClick={onStop}>
              Stop search
            </button>
          )}{' '}
          <button type="button" className="link" onClick={onClear}>
            Clear search
          </button>
        </p>
      )}
    </div>
  );
}
