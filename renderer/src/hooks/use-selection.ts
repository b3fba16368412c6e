/**
 * Multi-selection as file managers do it: click selects one, Ctrl/⌘-click
 * toggles, Shift-click extends from the last anchor. Ids are entry ids, so a
 * refreshed listing keeps what is still there selected.
 */
import { useCallback, useState } from 'react';
import type { Entry } from '../../../app/api/types';

export interface SelectionModifiers {
  shiftKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
}

export function useSelection(entries: Entry[]) {
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [anchor, setAnchor] = useState<string | null>(null);

  const select = useCallback(
    (entry: Entry, mods: SelectionModifiers) => {
      if (mods.shiftKey && anchor !== null) {
        const from = entries.findIndex((e) => e.id === anchor);
        const to = entries.findIndex((e) => e.id === entry.id);
        if (from >= 0 && to >= 0) {
          const [lo, hi] = from < to ? [from, to] : [to, from];
          setSelected(new Set(entries.slice(lo, hi + 1).map((e) => e.id)));
          return;
        }
      }
      if (mods.ctrlKey || mods.metaKey) {
        setSelected((prev) => {
          const next = new Set(prev);
          if (next.has(entry.id)) next.delete(entry.id);
          else next.add(entry.id);
          return next;
        });
      } else {
        setSelected(new Set([entry.id]));
      }
      setAnchor(entry.id);
    },
    [anchor, entries],
  );

  const selectAll = useCallback(() => setSelected(new Set(entries.map((e) => e.id))), [entries]);
  const clear = useCallback(() => {
    setSelected(new Set());
    setAnchor(null);
  }, []);

  const selectedEntries = entries.filter((e) => selected.has(e.id));
  return { selected, selectedEntries, select, selectAll, clear };
}
