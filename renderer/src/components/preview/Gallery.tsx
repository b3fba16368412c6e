/**
 * A folder of images at a glance: with the preview open and no single file
 * selected, the first images of the listing as thumbnails. Each is read
 * whole through the same capped preview path, so only images up to
 * THUMB_LIMIT are drawn; larger ones show their name.
 */
import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo } from 'react';
import type { ItemRef } from '../../../../app/api/types';
import { fetchSlice } from './preview-fetch';

export const IMAGE_NAME = /\.(jpe?g|png|gif|webp|avif|svg)$/i;
/** Thumbnails drawn at most, and the largest file read for one. */
export const THUMBS = 24;
const THUMB_LIMIT = 2 * 1024 * 1024;

export interface GalleryItem {
  item: ItemRef;
  name: string;
  size?: number | undefined;
}

function Thumb({ item, name, size }: GalleryItem) {
  const small = size !== undefined && size > 0 && size <= THUMB_LIMIT;
  const slice = useQuery({
    queryKey: ['preview-thumb', item],
    queryFn: ({ signal }) => fetchSlice(item, 0, size ?? 1, signal),
    enabled: small,
    retry: false,
    staleTime: 60_000,
  });
  const image = slice.data && (slice.data.kind === 'image' || slice.data.kind === 'svg') ? slice.data : null;
  const url = useMemo(() => (image ? URL.createObjectURL(new Blob([image.bytes as BlobPart], { type: image.sniffed })) : null), [image]);
  useEffect(() => () => (url ? URL.revokeObjectURL(url) : undefined), [url]);
  return (
    <li className="thumb">
      {url ? <img src={url} alt={name} loading="lazy" /> : <span className="thumb-empty muted">{small ? '…' : 'too large'}</span>}
      <span className="thumb-name" aria-hidden={url ? true : undefined}>
        {name}
      </span>
    </li>
  );
}

export function Gallery({ images }: { images: GalleryItem[] }) {
  if (images.length === 0) return <p className="muted">Select one file to preview it.</p>;
  return (
    <ul className="gallery" aria-label="Images in this folder">
      {images.slice(0, THUMBS).map((g) => (
        <Thumb key={JSON.stringify(g.item)} {...g} />
      ))}
    </ul>
  );
}
