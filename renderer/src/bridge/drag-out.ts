/**
 * Drag-out in the desktop app: a drag of objects (or local files) that the
 * shell can hand to the file manager becomes a native file drag (see
 * main/drag-out.ts); anything else, and every drag in serve mode, stays an
 * in-window drag between panes. A native drag dropped back on a pane is
 * recognised by the preload and copies the original objects.
 */
import type { Entry, TransferSource } from '../../../app/api/types';

/** Kept in step with main/drag-out.ts: what a drag may carry out of the window. */
const LIMITS = { items: 100, bytes: 512 * 1024 * 1024 };

/** Starts a native drag when it applies; returns false to let the in-window drag go ahead. */
export function startDragOut(
  event: { preventDefault(): void },
  entries: Entry[],
  sources: TransferSource[],
  onRefused: (message: string) => void,
): boolean {
  const dragOut = window.ferry?.dragOut;
  if (!dragOut || entries.length === 0 || entries.length > LIMITS.items) return false;
  if (entries.some((e) => e.kind !== 'object' && e.kind !== 'file')) return false;
  const bytes = entries.reduce((n, e) => n + (e.size ?? 0), 0);
  if (bytes > LIMITS.bytes) return false;
  event.preventDefault();
  void dragOut(sources, bytes).then((result) => {
    if (!result.ok) onRefused(result.message ?? 'The selection could not be dragged out; use Download instead.');
  });
  return true;
}

/** The original sources when the dropped files are Ferry's own drag-out, else null. */
export function draggedBackSources(paths: string[] | null): TransferSource[] | null {
  if (!paths) return null;
  return (window.ferry?.stagedSources?.(paths) as TransferSource[] | null | undefined) ?? null;
}
