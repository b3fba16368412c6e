/**
 * Places: local files, every connection (each expandable to its buckets,
 * refreshed on demand) and the user's bookmarks (any location with a name,
 * kept in bookmarks.json beside the connection profiles). Clicking a place
 * opens it in the active pane; dragging one onto a pane opens it there.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type DragEvent } from 'react';
import type { ConnectionSummary, Location } from '../../../app/api/types';
import type { Bookmark } from '../../../app/api/workspace-types';
import { call, CallError } from '../bridge/ferry-client';
import { useListing } from '../hooks/queries';
import { formatAddress } from '../workspace/address';
import { setDraggedPlace } from '../workspace/place-drag';
import { ProviderMark } from './ProviderMark';

interface Props {
  localLabel: string;
  homeDir: string;
  connections: readonly ConnectionSummary[];
  /** Where the active pane is: "Bookmark this place" pins it. */
  activeLocation: Location;
  onOpen(location: Location): void;
}

const bookmarksKey = ['bookmarks'] as const;

function placeName(location: Location, connections: readonly ConnectionSummary[]): string {
  if (location.kind === 'local') return location.path.split(/[\\/]/).filter(Boolean).pop() ?? location.path;
  const last = location.prefix.split('/').filter(Boolean).pop();
  return last ?? (location.bucket || (connections.find((c) => c.id === location.connectionId)?.label ?? 'Connection'));
}

function Buckets({ connection, onOpen }: { connection: ConnectionSummary; onOpen(location: Location): void }) {
  const root: Location = { kind: 's3', connectionId: connection.id, bucket: '', prefix: '' };
  const listing = useListing(root);
  const buckets = listing.data?.pages.flatMap((p) => p.entries) ?? [];
  return (
    <ul className="places-buckets" aria-label={`Buckets of ${connection.label}`}>
      {listing.isPending && <li className="muted">Loading…</li>}
      {listing.isError && (
        <li className="inline-error">{listing.error instanceof CallError ? listing.error.data.message : String(listing.error)}</li>
      )}
      {buckets.map((b) => {
        const location: Location = { ...root, bucket: b.id };
        return (
          <li key={b.id}>
            <button
              type="button"
              className="place"
              draggable
              onDragStart={(e) => setDraggedPlace(e.dataTransfer, location)}
              onClick={() => onOpen(location)}
              title={b.name}
            >
              {b.name}
            </button>
          </li>
        );
      })}
      <li>
        <button type="button" className="link" onClick={() => void listing.refetch()} disabled={listing.isFetching}>
          Refresh buckets
        </button>
      </li>
    </ul>
  );
}

export function Sidebar({ localLabel, homeDir, connections, activeLocation, onOpen }: Props) {
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const client = useQueryClient();
  const bookmarks = useQuery({ queryKey: bookmarksKey, queryFn: () => call('bookmarks.list', {}), staleTime: Infinity });
  const save = useMutation({
    mutationFn: (list: Bookmark[]) => call('bookmarks.save', { bookmarks: list }),
    onSuccess: (list) => client.setQueryData(bookmarksKey, list),
  });
  const list = bookmarks.data ?? [];
  const toggle = (id: string) =>
    setExpanded((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const drag = (location: Location) => (e: DragEvent) => setDraggedPlace(e.dataTransfer, location);
  const home: Location = { kind: 'local', path: homeDir };

  return (
    <nav className="sidebar" aria-label="Places">
      <h2>Places</h2>
      <ul className="places">
        <li>
          <button type="button" className="place" draggable onDragStart={drag(home)} onClick={() => onOpen(home)}>
            {localLabel}
          </button>
        </li>
      </ul>
      <h3>Connections</h3>
      {connections.length === 0 && <p className="muted">None yet.</p>}
      <ul className="places">
        {connections.map((c) => {
          const root: Location = { kind: 's3', connectionId: c.id, bucket: '', prefix: '' };
          const open = expanded.has(c.id);
          return (
            <li key={c.id}>
              <div className="place-line">
                <button
                  type="button"
                  className="icon-button disclosure"
                  aria-expanded={open}
                  aria-label={`Buckets of ${c.label}`}
                  onClick={() => toggle(c.id)}
                >
                  {open ? '▾' : '▸'}
                </button>
                <button
                  type="button"
                  className="place"
                  draggable
                  onDragStart={drag(root)}
                  onClick={() => onOpen(root)}
                  title={`${c.label} · ${c.endpoint}`}
                >
                  <ProviderMark providerId={c.label.endsWith('(demo)') ? 'demo' : c.providerId} />
                  {c.label}
                </button>
              </div>
              {open && <Buckets connection={c} onOpen={onOpen} />}
            </li>
          );
        })}
      </ul>
      <h3>Bookmarks</h3>
      <ul className="places">
        {list.map((b, i) => (
          <li key={`${i}-${b.name}`} className="place-line">
            <button
              type="button"
              className="place"
              draggable
              onDragStart={drag(b.location)}
              onClick={() => onOpen(b.location)}
              title={formatAddress(b.location, connections)}
            >
              ★ {b.name}
            </button>
            <button
              type="button"
              className="icon-button"
              aria-label={`Remove bookmark ${b.name}`}
              onClick={() => save.mutate(list.filter((_, j) => j !== i))}
            >
              ✕
            </button>
          </li>
        ))}
      </ul>
      <button
        type="button"
        className="bookmark-add"
        onClick={() => save.mutate([...list, { name: placeName(activeLocation, connections), location: activeLocation }])}
      >
        Bookmark this place
      </button>
      {save.error && (
        <p role="alert" className="inline-error">
          {save.error instanceof CallError ? save.error.data.message : String(save.error)}
        </p>
      )}
    </nav>
  );
}
