/**
 * Ctrl/⌘+C in one pane and Ctrl/⌘+V in another starts the same copy a drag
 * would: the keyboard's way across. What is held is Ferry's own list of
 * sources, never the system clipboard (which cannot carry an S3 key safely).
 */
import { useMemo, useState } from 'react';
import type { ConflictPolicy, Location, TransferSource } from '../../../app/api/types';
import { call } from '../bridge/ferry-client';

/** Copy and paste between panes from the keyboard, as an alternative to dragging. */
export interface PaneClipboard {
  copy(sources: TransferSource[], label: string, fromPane: string): void;
  paste(destination: Location): Promise<void>;
  /** What was copied, for the status line. */
  label: string | null;
  /** How many rows were copied. */
  count: number;
  /** The pane it was copied in: that pane says where to paste, the others that a paste lands there. */
  fromPane: string | null;
}

export function usePaneClipboard(conflict: ConflictPolicy, onError: (message: string) => void): PaneClipboard {
  const [held, setHeld] = useState<{ sources: TransferSource[]; label: string; fromPane: string } | null>(null);
  return useMemo(
    () => ({
      label: held?.label ?? null,
      count: held?.sources.length ?? 0,
      fromPane: held?.fromPane ?? null,
      copy: (sources, label, fromPane) => setHeld({ sources, label, fromPane }),
      paste: async (destination: Location) => {
        if (!held) return;
        if (destination.kind === 's3' && !destination.bucket) {
          onError('Open a bucket first, then paste into it.');
          return;
        }
        try {
          await call('transfer.start', { sources: held.sources, destination, mode: 'copy', conflict });
        } catch (err) {
          onError(err instanceof Error ? err.message : String(err));
        }
      },
    }),
    [held, conflict, onError],
  );
}
