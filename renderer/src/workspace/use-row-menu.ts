/**
 * A row's context menu in a pane: where it is open, and the actions that
 * exist for the row (open, download, copy to each other pane, copy for
 * Ctrl+V, copy its address), with a line saying how the last one went.
 */
import { useState } from 'react';
import type { ConflictPolicy, ConnectionSummary, Entry, ItemRef, Location } from '../../../app/api/types';
import { call, CallError } from '../bridge/ferry-client';
import type { PaneClipboard } from './use-pane-clipboard';
import { manageMenuActions, type ManageState } from '../components/manage/ManageBar';
import type { MenuAction } from '../components/RowMenu';
import type { useSelection } from '../hooks/use-selection';
import { itemFor, sourceFor } from '../location';
import { formatAddress } from './address';
import { isMac } from '../drag';

interface RowMenuDeps {
  name: string;
  index: number;
  location: Location;
  connections: readonly ConnectionSummary[];
  conflict: ConflictPolicy;
  selection: ReturnType<typeof useSelection>;
  clipboard: PaneClipboard | undefined;
  others: { name: string; location: Location }[];
  /** The rows an action on `entry` covers: the selection when it holds the entry, else the entry. */
  rowsFor(entry: Entry): Entry[];
  open(entry: Entry): void;
  onSelectItem(item: ItemRef | null): void;
  /** The pane's manage dialogs: the menu offers Rename and Delete, opening the same dialogs as F2 and Delete. */
  manage?: ManageState;
}

export function useRowMenu({
  name,
  index,
  location,
  connections,
  conflict,
  selection,
  clipboard,
  others,
  rowsFor,
  open,
  onSelectItem,
  manage,
}: RowMenuDeps) {
  const [menu, setMenu] = useState<{ entry: Entry; x: number; y: number } | null>(null);
  const [menuNote, setMenuNote] = useState<{ error: boolean; text: string } | null>(null);
  const openMenu = (entry: Entry, x: number, y: number) => {
    if (!selection.selected.has(entry.id)) {
      selection.select(entry, { shiftKey: false, ctrlKey: false, metaKey: false });
      onSelectItem(itemFor(location, entry));
    }
    setMenuNote(null);
    setMenu({ entry, x, y });
  };
  const menuActions = (entry: Entry): MenuAction[] => {
    const rows = rowsFor(entry);
    const sources = rows.map((r) => sourceFor(location, r));
    const actions: MenuAction[] = [];
    if (entry.kind === 'folder' || entry.kind === 'bucket') actions.push({ label: 'Open', shortcut: 'Enter', run: () => open(entry) });
    if (location.kind === 's3' && entry.kind !== 'bucket') {
      actions.push({
        label: 'Download',
        run: () =>
          requestAnimationFrame(() =>
            document
              .querySelector<HTMLButtonElement>(`[data-pane-index="${index}"] button[aria-label="Download selection of ${name}"]`)
              ?.click(),
          ),
      });
    }
    for (const other of others) {
      actions.push({
        label: `Copy to ${other.name}`,
        run: () => {
          const to = other.location;
          if (to.kind === 's3' && !to.bucket) {
            setMenuNote({ error: true, text: `${other.name} shows a bucket list: open a bucket there first.` });
            return;
          }
          call('transfer.start', { sources, destination: to, mode: 'copy', conflict }).catch((err: unknown) =>
            setMenuNote({ error: true, text: err instanceof CallError ? err.data.message : String(err) }),
          );
        },
      });
    }
    if (clipboard)
      actions.push({
        label: 'Copy',
        shortcut: isMac ? '⌘C' : 'Ctrl+C',
        run: () => clipboard.copy(sources, rows.length === 1 ? entry.name : `${rows.length} items`, name),
      });
    if (manage) actions.push(...manageMenuActions(manage, rows));
    actions.push({
      label: 'Copy address',
      run: () => {
        const at: Location =
          location.kind === 'local'
            ? { kind: 'local', path: entry.id }
            : entry.kind === 'bucket'
              ? { ...location, bucket: entry.id, prefix: '' }
              : { ...location, prefix: entry.id };
        const text = formatAddress(at, connections);
        navigator.clipboard
          .writeText(text)
          .then(() => setMenuNote({ error: false, text: `Copied ${text}` }))
          .catch(() => setMenuNote({ error: true, text: `The clipboard is not available here; the address is ${text}` }));
      },
    });
    return actions;
  };
  return { menu, menuNote, openMenu, menuActions, setMenu };
}
