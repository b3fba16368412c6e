/** The drag payload between panes: one item reference, under Ferry's own MIME type so foreign drags are ignored. */
import type { ItemRef } from '../../app/api/types';

export const DRAG_TYPE = 'application/x-ferry-item';

export function setDragItem(dt: DataTransfer, item: ItemRef, label: string): void {
  dt.setData(DRAG_TYPE, JSON.stringify(item));
  dt.setData('text/plain', label);
  dt.effectAllowed = 'copy';
}

export function hasDragItem(dt: DataTransfer): boolean {
  return Array.from(dt.types).includes(DRAG_TYPE);
}

export function getDragItem(dt: DataTransfer): ItemRef | null {
  const raw = dt.getData(DRAG_TYPE);
  if (!raw) return null;
  try {
    return JSON.parse(raw) as ItemRef;
  } catch {
    return null;
  }
}
