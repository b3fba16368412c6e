/**
 * One pane, a region named "Pane N": its toolbar (history, up, refresh,
 * connection), address bar, breadcrumbs, filter, the listing (loaded a page
 * at a time as the user scrolls, filtered and sorted as the user asks) and
 * a status bar. Rows drag to another pane; drops copy (or move, with the
 * platform's modifier) or upload files from the operating system. Where the
 * pane is, and how it got there, lives in the workspace model (App owns it).
 */
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useMemo, useRef, useState, type Dispatch, type DragEvent, type KeyboardEvent } from 'react';
import type { ConflictPolicy, ConnectionSummary, Entry, ItemRef, Location } from '../../../app/api/types';
import { startDragOut } from '../bridge/drag-out';
import { CallError } from '../bridge/ferry-client';
import { isMac, setDragSources } from '../drag';
import { queryKeys, type ListingSearch } from '../hooks/queries';
import { useListingRows } from '../hooks/use-listing-rows';
import { usePaneDrop } from '../hooks/use-pane-drop';
import { useSelection } from '../hooks/use-selection';
import { viewOf } from '../listing/listing-view';
import { childLocation, itemFor, parentLocation, sourceFor } from '../location';
import { formatAddress } from '../workspace/address';
import { draggedPlace, hasDraggedPlace } from '../workspace/place-drag';
import type { PaneModel, WorkspaceAction } from '../workspace/workspace-model';
import { AddressBar } from './AddressBar';
import { Breadcrumbs } from './Breadcrumbs';
import { DownloadButton } from './DownloadButton';
import { ManageBar, manageKey, useManageState } from './manage/ManageBar';
import { galleryOf } from './preview/gallery-items';
import { PreviewPanel } from './preview/PreviewPanel';
import { ObjectTable } from './ObjectTable';
import { PaneFilter } from './PaneFilter';
import { PaneStatus } from './PaneStatus';
import { RowMenu } from './RowMenu';
import { useRowMenu } from '../workspace/use-row-menu';
import type { PaneClipboard } from '../workspace/use-pane-clipboard';
import { LOCAL, PaneToolbar } from './PaneToolbar';

interface Props {
  name: string;
  index: number;
  paneCount: number;
  model: PaneModel;
  dispatch: Dispatch<WorkspaceAction>;
  homeDir: string;
  localLabel: string;
  connections: ConnectionSummary[];
  conflict: ConflictPolicy;
  showHiddenFiles?: boolean;
  clipboard?: PaneClipboard;
  /** The other panes, for "Copy to Pane N" in a row's menu. */
  others?: { name: string; location: Location }[];
  onSelectItem(item: ItemRef | null): void;
  /** Every selected object, for the inspector's selection summary. */
  onSelectionChange?(items: ItemRef[]): void;
}

const dropText = { copy: 'Drop to copy here', move: 'Drop to move here', upload: 'Drop to upload here' } as const;

function errorText(error: unknown): string {
  return error instanceof CallError ? error.data.message : String(error);
}

/** The listing failed because the place is not there (as opposed to a network or permission fault). */
function isGone(error: unknown): boolean {
  if (!(error instanceof CallError)) return false;
  const { code, details } = error.data;
  // A bucket name the server refuses names no place either: there is nothing there to show.
  if (details?.s3Code === 'InvalidBucketName') return true;
  return code === 'not-found' || (code === 'local-fs' && (details?.errno === 'ENOENT' || details?.errno === 'ENOTDIR'));
}

/**
 * Where a pane whose place has gone can go, and the button's words: a bucket that no longer exists leaves the
 * connection's bucket list (its folders went with it); a folder that is gone leaves its parent.
 */
function wayOutOf(
  location: Location,
  error: unknown,
  connectionLabel: string,
  connections: readonly ConnectionSummary[],
): { location: Location; label: string } | undefined {
  // A bucket that is gone, or a typed name the server refuses as a bucket name: either way its bucket list is where to go.
  const code = error instanceof CallError ? error.data.details?.s3Code : undefined;
  const bucketGone = code === 'NoSuchBucket' || code === 'InvalidBucketName';
  if (location.kind === 's3' && bucketGone) {
    return { location: { ...location, bucket: '', prefix: '' }, label: `Show the buckets of ${connectionLabel}` };
  }
  const up = parentLocation(location, connectionLabel);
  return up ? { location: up, label: `Go up to ${formatAddress(up, connections)}` } : undefined;
}

/** The held copy, said from this pane's side: where to paste it from the pane it was copied in, that it pastes here elsewhere. */
function clipboardHint(clipboard: PaneClipboard | undefined, paneName: string): string {
  if (!clipboard?.label) return '';
  const paste = `${isMac ? '⌘' : 'Ctrl+'}V`;
  return clipboard.fromPane === paneName
    ? `Copied ${clipboard.label}: ${paste} in another pane pastes it.`
    : clipboard.count > 1
      ? `${clipboard.label} are copied: ${paste} pastes them here.`
      : `${clipboard.label} is copied: ${paste} pastes it here.`;
}

export function Pane(props: Props) {
  const { name, index, model, dispatch, homeDir, connections, conflict, onSelectItem, clipboard } = props;
  const location = model.state.location;
  const [filter, setFilter] = useState('');
  const [search, setSearch] = useState<ListingSearch | null>(null);
  const [stopped, setStopped] = useState(false);
  const listing = useListingRows(location, search, stopped);
  const queryClient = useQueryClient();
  const { query } = listing;
  // The core marks what the platform hides (dot-files; on Windows, the hidden attribute).
  const hideHidden = location.kind === 'local' && !props.showHiddenFiles;
  const loaded = listing.rows;
  // Search results are already the matches; the box filters them again only once its text moves on.
  const filterTerm = search && filter.trim() === search.term ? '' : filter;
  const visible = useMemo(() => (hideHidden ? loaded.filter((e) => !e.hidden) : loaded), [loaded, hideHidden]);
  const entries = useMemo(() => viewOf(visible, filterTerm, model.state.sort), [visible, filterTerm, model.state.sort]) as Entry[];
  const statusId = useId();
  const selection = useSelection(entries);
  const drop = usePaneDrop(conflict);
  const manage = useManageState();

  // A move made from outside the pane (the sidebar, a drop of a place) starts clean as well.
  const placeKey = JSON.stringify(location);
  const [shownPlace, setShownPlace] = useState(placeKey);
  if (shownPlace !== placeKey) {
    setShownPlace(placeKey);
    setFilter('');
    setSearch(null);
    setStopped(false);
    selection.clear();
  }

  const connection = location.kind === 's3' ? connections.find((c) => c.id === location.connectionId) : undefined;
  const connectionLabel = connection?.label ?? 'Connection';

  const leave = () => {
    selection.clear();
    drop.dismiss();
    setFilter('');
    setSearch(null);
    onSelectItem(null);
  };
  const navigate = (next: Location, select?: string) => {
    leave();
    dispatch({ type: 'navigate', index, location: next, ...(select ? { select } : {}) });
  };
  const back = () => {
    leave();
    dispatch({ type: 'back', index });
  };
  const forward = () => {
    leave();
    dispatch({ type: 'forward', index });
  };
  const goUp = () => {
    const up = parentLocation(location, connectionLabel);
    if (up) navigate(up);
  };
  const pickSource = (value: string) => {
    if (value === LOCAL) navigate({ kind: 'local', path: homeDir });
    else navigate({ kind: 's3', connectionId: value, bucket: '', prefix: '' });
  };
  const open = (entry: Entry) => {
    const next = childLocation(location, entry);
    if (next) navigate(next);
  };

  // A restored place that is gone (a deleted folder or bucket, an emptied prefix) gives way to its nearest existing parent.
  const { restored, notice } = model;
  const settled = query.isSuccess && !listing.hasMore;
  const emptyPrefix = location.kind === 's3' && location.prefix !== '' && settled && loaded.length === 0;
  const placeGone = query.isError && !query.isFetchNextPageError && isGone(query.error);
  const gone = placeGone || emptyPrefix;
  const wayOut = placeGone ? wayOutOf(location, query.error, connectionLabel, connections) : undefined;
  useEffect(() => {
    if (!restored) return;
    if (gone) {
      const up = parentLocation(location, connectionLabel);
      if (up) {
        const missing = notice ?? `${formatAddress(location, connections)} no longer exists; showing its nearest existing parent.`;
        dispatch({ type: 'fallback', index, location: up, notice: missing });
        return;
      }
    }
    if (gone || query.isSuccess || query.isError) dispatch({ type: 'settled', index });
    // (Only the folder's own listing decides: a search starts after the pane has settled.)
  }, [restored, gone, query.isSuccess, query.isError, location, connectionLabel, notice, connections, dispatch, index]);

  // An address that named an object selects it once its row has arrived.
  const wanted = model.select;
  const selectedOnce = useRef<string | null>(null);
  const wantedEntry = wanted ? entries.find((e) => e.id === wanted) : undefined;
  useEffect(() => {
    if (!wantedEntry || selectedOnce.current === wantedEntry.id) return;
    selectedOnce.current = wantedEntry.id;
    selection.select(wantedEntry, { shiftKey: false, ctrlKey: false, metaKey: false });
    onSelectItem(itemFor(location, wantedEntry));
  }, [wantedEntry, selection, onSelectItem, location]);

  const dragged = (entry?: Entry) =>
    entry && !selection.selected.has(entry.id) ? [entry] : selection.selectedEntries.length > 0 ? selection.selectedEntries : [];

  const onDragStartRow = (entry: Entry, event: DragEvent) => {
    const rows = dragged(entry);
    const sources = rows.map((e) => sourceFor(location, e));
    if (startDragOut(event, rows, sources, drop.report)) return;
    setDragSources(event.dataTransfer, sources, rows.length === 1 ? entry.name : `${rows.length} items`);
  };

  const onGridKey = (e: KeyboardEvent, current: Entry | undefined) => {
    const mod = e.ctrlKey || e.metaKey;
    if (mod && e.key.toLowerCase() === 'c' && clipboard) {
      const rows = selection.selectedEntries.length > 0 ? selection.selectedEntries : current ? [current] : [];
      if (rows.length === 0) return;
      e.preventDefault();
      clipboard.copy(
        rows.map((r) => sourceFor(location, r)),
        rows.length === 1 ? (rows[0]?.name ?? '') : `${rows.length} items`,
        name,
      );
    } else if (mod && e.key.toLowerCase() === 'v' && clipboard) {
      e.preventDefault();
      void clipboard.paste(location);
    }
  };

  const onPaneKey = (e: KeyboardEvent) => {
    if (e.altKey && e.key === 'ArrowLeft') {
      e.preventDefault();
      back();
    } else if (e.altKey && e.key === 'ArrowRight') {
      e.preventDefault();
      forward();
    }
  };

  const selectedItems = selection.selectedEntries.map((e) => sourceFor(location, e));
  const previewEntry = selection.selectedEntries.length === 1 ? selection.selectedEntries[0] : undefined;
  const { onSelectionChange } = props;
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the selected set is what changes; entries and location follow it
  useEffect(() => onSelectionChange?.(selection.selectedEntries.flatMap((e) => itemFor(location, e) ?? [])), [selection.selected]);

  const rowMenu = useRowMenu({
    name,
    index,
    location,
    connections,
    conflict,
    selection,
    clipboard,
    others: props.others ?? [],
    rowsFor: dragged,
    open,
    onSelectItem,
    manage,
  });
  const { menu, menuNote, openMenu, menuActions, setMenu } = rowMenu;

  return (
    <section
      aria-label={name}
      data-pane-index={index}
      className={`pane${drop.intent ? ' drop-active' : ''}${props.paneCount > 1 ? '' : ' only'}`}
      onKeyDown={onPaneKey}
      onMouseUp={(e) => {
        // The mouse's back and forward buttons: this pane's history, never the page's.
        if (e.button === 3 || e.button === 4) {
          e.preventDefault();
          if (e.button === 3) back();
          else forward();
        }
      }}
      onFocus={() => dispatch({ type: 'activate', index })}
      onMouseDown={() => dispatch({ type: 'activate', index })}
      onDragOver={(e) => {
        if (hasDraggedPlace(e.dataTransfer)) {
          e.preventDefault();
          e.dataTransfer.dropEffect = 'link';
        } else drop.over(e);
      }}
      onDragLeave={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) drop.leave();
      }}
      onDrop={(e) => {
        e.preventDefault();
        const place = hasDraggedPlace(e.dataTransfer) ? draggedPlace(e.dataTransfer) : null;
        if (place) navigate(place);
        else void drop.drop(e, location);
      }}
      onKeyDownCapture={(e) => {
        // Only keys pressed on the listing itself: a dialog's textbox must keep its spaces.
        if ((e.target as HTMLElement).closest('[role="grid"]') && manageKey(e, manage, selection.selectedEntries)) e.stopPropagation();
      }}
    >
      <PaneToolbar
        name={name}
        location={location}
        localLabel={props.localLabel}
        connections={connections}
        canBack={model.at > 0}
        canForward={model.at < model.history.length - 1}
        refreshing={query.isFetching}
        index={index}
        paneCount={props.paneCount}
        onPickSource={pickSource}
        onBack={back}
        onForward={forward}
        onUp={goUp}
        onRefresh={() => void query.refetch()}
        onMove={(by) => dispatch({ type: 'move', index, by })}
        onClose={() => dispatch({ type: 'close', index })}
        address={<AddressBar paneName={name} location={location} connections={connections} homeDir={homeDir} onGo={navigate} />}
      >
        <DownloadButton paneName={name} sources={location.kind === 's3' ? selectedItems : []} conflict={conflict} />
      </PaneToolbar>
      <ManageBar paneName={name} location={location} connection={connection} selected={selection.selectedEntries} state={manage} />
      <Breadcrumbs paneName={name} location={location} connectionLabel={connectionLabel} onNavigate={(l) => navigate(l)} />
      <PaneFilter
        paneName={name}
        filter={filter}
        onFilter={setFilter}
        modes={location.kind === 'local' ? ['recursive'] : location.bucket !== '' ? ['prefix', 'recursive'] : []}
        search={search}
        running={search !== null && listing.hasMore && !stopped}
        stopped={search !== null && listing.hasMore && stopped}
        found={loaded.length}
        onSearch={(mode) => {
          selection.clear();
          setStopped(false);
          setSearch({ term: filter.trim(), mode, ...(location.kind === 'local' ? { includeHidden: props.showHiddenFiles ?? false } : {}) });
        }}
        onStop={() => setStopped(true)}
        onClear={() => {
          selection.clear();
          setSearch(null);
          setFilter('');
        }}
      />
      {notice && (
        <p role="status" className="pane-notice">
          {notice}
        </p>
      )}
      <p className="drop-hint" aria-live="polite">
        {drop.intent ? dropText[drop.intent] : clipboardHint(clipboard, name)}
      </p>
      {menuNote && (
        <p role={menuNote.error ? 'alert' : 'status'} className={menuNote.error ? 'inline-error' : 'muted'}>
          {menuNote.text}
        </p>
      )}
      {menu && (
        <RowMenu
          x={menu.x}
          y={menu.y}
          label={`Actions for ${menu.entry.name}`}
          actions={menuActions(menu.entry)}
          onClose={() => {
            setMenu(null);
            document.querySelector<HTMLElement>(`[data-pane-index="${index}"] [role="grid"]`)?.focus();
          }}
        />
      )}
      {drop.message && (
        <p role={drop.message.error ? 'alert' : 'status'} className={drop.message.error ? 'inline-error' : 'muted'}>
          {drop.message.text}
        </p>
      )}
      <div className="listing windowed">
        {query.isPending && <p className="muted">Loading…</p>}
        {query.isError && !query.isFetchNextPageError && (
          <div className="listing-error">
            <p role="alert" className="inline-error">
              {errorText(query.error)}
            </p>
            {wayOut && (
              <button
                type="button"
                onClick={() => {
                  // What the cache holds of that place still lists the one that is gone: read it afresh.
                  queryClient.removeQueries({ queryKey: queryKeys.listing(wayOut.location), exact: true });
                  navigate(wayOut.location);
                }}
              >
                {wayOut.label}
              </button>
            )}
          </div>
        )}
        {/* The rows of a place that is not there any more would be a picture of nothing: only the message stays. */}
        {query.data && !placeGone && (
          <>
            <ObjectTable
              // A new place (or a new search) starts at its top, with nothing under the cursor.
              key={JSON.stringify([location, search])}
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
              // Search results are named by their path: Kind (the icon says it) gives its room to the name.
              columns={search ? model.state.columns.filter((c) => c !== 'kind') : model.state.columns}
              widths={model.state.widths}
              sort={model.state.sort}
              onSort={(sort) => dispatch({ type: 'view', index, change: { sort } })}
              onResizeColumn={(column, width) =>
                dispatch({ type: 'view', index, change: { widths: { ...model.state.widths, [column]: width } } })
              }
              onOtherKey={onGridKey}
              onContextMenuRow={openMenu}
              cursorId={model.select}
            />
            {entries.length === 0 && !listing.hasMore && !query.isError && (
              <p className="muted">
                {filter ? 'Nothing matches the filter.' : location.kind === 's3' && !location.bucket ? 'No buckets.' : 'Empty.'}
              </p>
            )}
            {query.isFetchNextPageError && (
              <p role="alert" className="inline-error">
                Loading more failed: {errorText(query.error)}{' '}
                <button type="button" className="link" onClick={listing.retryMore}>
                  Try again
                </button>
              </p>
            )}
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
      <PaneStatus
        id={statusId}
        loaded={visible.length}
        hidden={loaded.length - visible.length}
        shown={entries.length}
        filtering={filterTerm.trim() !== ''}
        sorted={model.state.sort !== null}
        selected={selection.selectedEntries}
        // A stopped search loads no more, so the status line does not promise more on scrolling.
        more={stopped && search ? { ...listing, hasMore: false } : listing}
        gone={placeGone}
      />
    </section>
  );
}
