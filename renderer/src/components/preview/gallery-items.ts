/** The images of a listing, as the gallery takes them: objects or files whose names say image. */
import type { Entry, Location } from '../../../../app/api/types';
import { itemFor } from '../../location';
import { IMAGE_NAME, THUMBS, type GalleryItem } from './Gallery';

export function galleryOf(location: Location, entries: Entry[]): GalleryItem[] {
  const out: GalleryItem[] = [];
  for (const e of entries) {
    if (out.length >= THUMBS) break;
    if (!IMAGE_NAME.test(e.name)) continue;
    const item = itemFor(location, e);
    if (item) out.push({ item, name: e.name, size: e.size });
  }
  return out;
}
