/**
 * One pane: a location picker (local files or any connection), breadcrumbs,
 * and the listing. Dropping an item from another pane copies it here.
 */
import { useState, type DragEvent } from 'react';
import type { ConnectionSummary, Entry, ItemRef, Location } from '../../../app/api/types';
import { CallError } from '../bridge/ferry-client';
import { getDragItem, hasDragItem, setDragItem } from '../drag';
import { useListing, useStartCopy } from '../hooks/queries';
import { childLocation, itemFor, parentLocation } from '../location';
import { Breadcrumbs } from './Breadcrumbs';
import { ObjectTable } from './ObjectTable';

interface Props {
  name: string;
  homeDir: string;
  connections: ConnectionSummary[];
  onSelectItem(item: ItemRef | null): void;
}

const LOCAL = 'local';

export function Pane({ name, homeDir, connections, onSelectItem }: Props) {
  const [location, setLocation] = useState<Location>({ kind: 'local', path: homeDir });
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [dropActive, setDropActive] = useState(false);
  const [dropError, setDropError] = useState<string | null>(null);
  const listing = useListing(location);
  const copy = useStartCopy();

  const connection = location.kind === 's3' ? connections.find((c) => c.id === location.connectionId) : undefined;
  const connectionLabel = connection?.label ?? 'Connection';

  const navigate = (next: Location) => {
    setLocation(next);
    setSelectedId(null);
    setDropError(null);
    onSelectItem(null);
  };

  const pickSource = (value: string) => {
    if (value === LOCAL) navigate({ kind: 'local', path: homeDir });
    else navigate({ kind: 's3', connectionId: value, bucket: '', prefix: '' });
  };

  const select = (entry: Entry) => {
    setSelectedId(entry.id);
    onSelectItem(itemFor(location, entry));
  };

  const open = (entry: Entry) => {
    const next = childLocation(location, entry);
    if (next) navigate(next);
  };

  const dropInto = async (destination: Location, event: DragEvent) => {
    const item = getDragItem(event.dataTransfer);
    if (!item) return;
    setDropError(null);
    if (destination.kind === 's3' && !destination.bucket) {
      setDropError('Open a bucket first, then drop objects into it.');
      return;
    }
    try {
      await copy.mutateAsync({ source: item, destination });
    } catch (err) {
      setDropError(err instanceof CallError ? err.data.message : String(err));
    }
  };

  const onDragStartRow = (entry: Entry, event: DragEvent) => {
    const item = itemFor(location, entry);
    if (!item) {
      event.preventDefault();
      return;
    }
    setDragItem(event.dataTransfer, item, entry.name);
  };

  const sourceValue = location.kind === 'local' ? LOCAL : location.connectionId;
  const headingId = `${name.replace(/\s+/g, '-').toLowerCase()}-heading`;

  return (
    <section
      aria-label={name}
      className={`pane${dropActive ? ' drop-active' : ''}`}
      onDragOver={(e) => {
        if (!hasDragItem(e.dataTransfer)) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = 'copy';
        setDropActive(true);
      }}
      onDragLeave={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDropActive(false);
      }}
      onDrop={(e) => {
        e.preventDefault();
        setDropActive(false);
        void dropInto(location, e);
      }}
    >
      <header className="pane-header">
        <h2 id={headingId} className="visually-hidden">
          {name}
        </h2>
        <label className="source-picker">
          <span className="visually-hidden">Location of {name}</span>
          <select aria-label={`Location of ${name}`} value={sourceValue} onChange={(e) => pickSource(e.target.value)}>
            <option value={LOCAL}>Local files</option>
            {connections.map((c) => (
              <option key={c.id} value={c.id}>
                {c.label}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          aria-label={`Refresh ${name}`}
          onClick={() => void listing.refetch()}
          disabled={listing.isFetching}
          className="icon-button"
        >
          ⟳
        </button>
        <button
          type="button"
          aria-label={`Up one level in ${name}`}
          className="icon-button"
          onClick={() => {
            const up = parentLocation(location, connectionLabel);
            if (up) navigate(up);
          }}
        >
          ↑
        </button>
      </header>
      <Breadcrumbs paneName={name} location={location} connectionLabel={connectionLabel} onNavigate={navigate} />
      {dropActive && (
        <p className="drop-hint" aria-live="polite">
          Drop to copy here
        </p>
      )}
      {dropError && (
        <p role="alert" className="inline-error">
          {dropError}
        </p>
      )}
      <div className="listing">
        {listing.isPending && <p className="muted">Loading…</p>}
        {listing.isError && (
          <p role="alert" className="inline-error">
            {listing.error instanceof CallError ? listing.error.data.message : String(listing.error)}
          </p>
        )}
        {listing.data && (
          <>
            <ObjectTable
              entries={listing.data.entries}
              selectedId={selectedId}
              onSelect={select}
              onOpen={open}
              onDragStartRow={onDragStartRow}
              onDropOnFolder={(entry, e) => {
                const target = childLocation(location, entry);
                if (target) void dropInto(target, e);
              }}
              onBack={() => {
                const up = parentLocation(location, connectionLabel);
                if (up) navigate(up);
              }}
            />
            {listing.data.entries.length === 0 && (
              <p className="muted">{location.kind === 's3' && !location.bucket ? 'No buckets.' : 'Empty.'}</p>
            )}
            {listing.data.truncated && <p className="muted">Showing the first page of results.</p>}
          </>
        )}
      </div>
    </section>
  );
}
