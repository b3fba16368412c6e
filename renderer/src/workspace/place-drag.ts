/** A place (from the sidebar) dragged onto a pane: carried as its own type, so it is never mistaken for data to copy. */
import type { Location } from '../../../app/api/types';

const PLACE_TYPE = 'application/x-ferry-place';

export function setDraggedPlace(data: DataTransfer, location: Location): void {
  data.setData(PLACE_TYPE, JSON.stringify(location));
  data.effectAllowed = 'link';
}

export function hasDraggedPlace(data: DataTransfer): boolean {
  return data.types.includes(PLACE_TYPE);
}

export function draggedPlace(data: DataTransfer): Location | null {
  try {
    const value = JSON.parse(data.getData(PLACE_TYPE)) as Location;
    return value.kind === 'local' || value.kind === 's3' ? value : null;
  } catch {
    return null;
  }
}
