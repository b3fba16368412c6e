/**
 * One pane: a location picker (local files or any connection), breadcrumbs,
 * and the listing, loaded a page at a time as the user scrolls (with a line
 * saying how many rows are loaded and whether more exist). Rows drag to the
 * other pane; drops copy (or move, with the platform's modifier) or upload
 * files from the operating system.
 */
import { useEffect, useId, useState, type DragEvent } from 'react';
import type { ConflictPolicy, ConnectionSummary, Entry, ItemRef, Location } from '../../../app/api/types';
import { CallError } from '../bridge/ferry-client';
import { startDragOut } from '../bridge/drag-out';
import { moveModifierName, setDragSources } from '../drag';
import { useListingRows } from '../hooks/use-listing-rows';
import { usePaneDrop } from '../hooks/use-pane-drop';
import { useSelection } from '../hooks/use-selection';
import { childLocation, itemFor, parentLocation, sourceFor } from '../location';
import { Breadcrumbs } from './Breadcrumbs';
import { DownloadButton } from './DownloadButton';
import { ManageBar, manageKey, useManageState } from './manage/ManageBar';
import { galleryOf } from './preview/gallery-items';
import { PreviewPanel } from './preview/PreviewPanel';
import { ObjectTable } from './ObjectTable';

interface Props {
  name: string;
  homeDir: string;
  localLabel: string;
  connections: ConnectionSummary[];
  conflict: ConflictPolicy;
  onSelectItem(item: ItemRef | null): void;
  /** Every selected object, for the inspector's selection summary. */
  onSelectionChange?(items: ItemRef[]): void;
}

const LOCAL = 'local';
const dropText = { copy: 'Drop to copy here', move: 'Drop to move here', upload: 'Drop to upload here' } as const;

const count = (n: number) => n.toLocaleString('en-US');

function listingStatus(rows: number, more: { hasMore: boolean; loadingMore: boolean; cut: boolean }): string {
  if (more.cut) return `Showing the first ${count(rows)} items; this folder holds more.`;
  if (more.hasMore) return `${count(rows)} items loaded; ${more.loadingMore ? 'loading more…' : 'more load as you scroll.'}`;
  return rows === 1 ? '1 item' : `${count(rows)} items`;
}

function errorText(error: unknown): string {
  return error instanceof CallError ? error.data.message : String(error);
}

export function Pane({ name, homeDir, localLabel, connections, conflict, onSelectItem, onSelectionChange }: Props) {
  const [location, setLocation] = useState<Location>({ kind: 'local', path: homeDir });
  const listing = useListingRows(location);
  const { query } = listing;
  const entries = listing.rows;
  const statusId = useId();
  const selection = useSelection(entries);
  const drop = usePaneDrop(conflict);
  const manage = useManageState();

  const connection = location.kind === 's3' ? connections.find((c) => c.id === location.connectionId) : undefined;
  const connectionLabel = connection?.label ?? 'Connection';

  const navigate = (next: Location) => {
    setLocation(next);
    selection.clear();
    drop.dismiss();
    onSelectItem(null);
  };

  const pickSource = (value: string) => {
    if (value === LOCAL) navigate({ kind: 'local', path: homeDir });
    else navigate({ kind: 's3', connectionId: value, bucket: '', prefix: '' });
  };

  const open = (entry: Entry) => {
    const next = childLocation(location, entry);
    if (next) navigate(next);
  };

  const goUp = () => {
    const up = parentLocation(location, connectionLabel);
    if (up) navigate(up);
  };

  const onDragStartRow = (entry: Entry, event: DragEvent) => {
    const dragged = selection.selected.has(entry.id) ? selection.selectedEntries : [entry];
    const label = dragged.length === 1 ? entry.name : `${dragged.length} items`;
    const sources = dragged.map((e) => sourceFor(location, e));
    if (startDragOut(event, dragged, sources, drop.report)) return;
    setDragSources(event.dataTransfer, sources, label);
  };

  const sourceValue = location.kind === 'local' ? LOCAL : location.connectionId;
  const selectedItems = selection.selectedEntries.map((e) => sourceFor(location, e));
  const previewEntry = selection.selectedEntries.length === 1 ? selection.selectedEntries[0] : undefined;
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the selected set is what changes; entries and location follow it
  useEffect(() => onSelectionChange?.(selection.selectedEntries.flatMap((e) => itemFor(location, e) ?? [])), [selection.selected]);

  return (
    <section
      aria-label={name}
      className={`pane${drop.intent ? ' drop-active' : ''}`}
      onDragOver={drop.over}
      onDragLeave={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) drop.leave();
      }}
      onDrop={(e) => {
        e.preventDefault();
        void drop.drop(e, location);
      }}
      onKeyDownCapture={(e) => {
        // Only keys pressed on the listing itself: a dialog's textbox must keep its spaces.
        if ((e.target as HTMLElement).closest('[role="grid"]') && manageKey(e, manage, selection.selectedEntries)) e.stopPropagation();
      }}
    >
      <header className="pane-header">
        <select aria-label={`Location of ${name}`} value={sourceValue} onChange={(e) => pickSource(e.target.value)}>
          <option value={LOCAL}>{localLabel}</option>
          {connections.map((c) => (
            <option key={c.id} value={c.id}>
              {c.label}
            </option>
          ))}
        </select>
        <button type="button" aria-label={`Up one level in ${name}`} className="icon-button" onClick={goUp}>
          ↑
        </button>
        <button
          type="button"
          aria-label={`Refresh ${name}`}
          onClick={() => void query.refetch()}
          disabled={query.isFetching}
          className="icon-button"
        >
          ⟳
        </button>
        <DownloadButton paneName={name} sources={location.kind === 's3' ? selectedItems : []} conflict={conflict} />
        <ManageBar paneName={name} location={location} connection={connection} selected={selection.selectedEntries} state={manage} />
      </header>
      <Breadcrumbs paneName={name} location={location} connectionLabel={connectionLabel} onNavigate={navigate} />
      <p className="drop-hint" aria-live="polite">
        {drop.intent ? dropText[drop.intent] : ''}
      </p>
      {drop.message && (
        <p role={drop.message.error ? 'alert' : 'status'} className={drop.message.error ? 'inline-error' : 'muted'}>
          {drop.message.text}
        </p>
      )}
      <div className="listing windowed">
        {query.isPending && <p className="muted">Loading…</p>}
        {query.isError && !query.isFetchNextPageError && (
          <p role="alert" className="inline-error">
            {errorText(query.error)}
          </p>
        )}
        {query.data && (
          <>
            <ObjectTable
              // A new place starts at its top, with nothing under the cursor.
              key={JSON.stringify(location)}
              entries={entries}
              selected={selection.selected}
              onSelect={(entry, mods) => {
                selection.select(entry, mods);
                onSelectItem(itemFor(location, entry));
              }}
              onSelectAll={selection.selectAll}
              onOpen={open}
              onDragStartRow={onDragStartRow}
              onDropOnFolder={(entry, e) => {
                const target = childLocation(location, entry);
                if (target) void drop.drop(e, target);
              }}
              onBack={goUp}
              onNearEnd={listing.loadMore}
              describedBy={statusId}
            />
            {entries.length === 0 && !listing.hasMore && (
              <p className="muted">{location.kind === 's3' && !location.bucket ? 'No buckets.' : 'Empty.'}</p>
            )}
            {query.isFetchNextPageError && (
              <p role="alert" className="inline-error">
                Loading more failed: {errorText(query.error)}{' '}
                <button type="button" className="link" onClick={listing.retryMore}>
                  Try again
                </button>
              </p>
            )}
            <p id={statusId} className="listing-status muted">
              {listingStatus(entries.length, listing)}
            </p>
          </>
        )}
      </div>
      {manage.previewing && (
        <PreviewPanel
          paneName={name}
          item={previewEntry ? itemFor(location, previewEntry) : null}
          name={previewEntry?.name ?? ''}
          gallery={galleryOf(location, entries)}
        />
      )}
      <p className="pane-footer muted">
        {selection.selected.size > 0 ? `${selection.selected.size} selected · ` : ''}Drag to copy, hold {moveModifierName} to move
      </p>
    </section>
  );
}
