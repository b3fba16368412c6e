/**
 * Drags between panes carry a list of transfer sources under Ferry's own MIME
 * type, so foreign drags are ignored. The platform's move modifier turns a
 * copy into a move: Shift on Windows and Linux file managers, ⌘ on macOS.
 */
import type { TransferSource } from '../../app/api/types';

export const DRAG_TYPE = 'application/x-ferry-sources';

export const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
export const moveModifierName = isMac ? '⌘' : 'Shift';

export function wantsMove(e: { shiftKey: boolean; metaKey: boolean }): boolean {
  return isMac ? e.metaKey : e.shiftKey;
}

export function setDragSources(dt: DataTransfer, sources: TransferSource[], label: string): void {
  dt.setData(DRAG_TYPE, JSON.stringify(sources));
  dt.setData('text/plain', label);
  dt.effectAllowed = 'copyMove';
}

export function hasDragSources(dt: DataTransfer): boolean {
  return Array.from(dt.types).includes(DRAG_TYPE);
}

/** Files or folders dragged in from the operating system (or another app). */
export function hasOsFiles(dt: DataTransfer): boolean {
  return Array.from(dt.types).includes('Files');
}

export function getDragSources(dt: DataTransfer): TransferSource[] {
  const raw = dt.getData(DRAG_TYPE);
  if (!raw) return [];
  try {
    const parsed: unknown = JSON.parse(raw);
    return Array.isArray(parsed) ? (parsed as TransferSource[]) : [];
  } catch {
    return [];
  }
}
