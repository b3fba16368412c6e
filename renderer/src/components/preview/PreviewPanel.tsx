/**
 * The preview of the selected object or file (Space toggles it, like Quick
 * Look). Text reads 256 KiB at a time with "Load more"; images load whole up
 * to 16 MiB and show as <img> only (an SVG as an image can run no script);
 * JSON is pretty and foldable, CSV/TSV a table, Markdown rendered without
 * HTML. The type Ferry sniffed is shown beside the server's claim, and a
 * mismatch is said, not trusted.
 */
import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import './preview.css';
import type { ItemRef } from '../../../../app/api/types';
import { formatBytes } from '../../format';
import { CsvTable } from './CsvTable';
import { Gallery, type GalleryItem } from './Gallery';
import { JsonTree } from './JsonTree';
import { MarkdownView } from './MarkdownView';
import { PdfView } from './PdfView';
import { fetchSlice, mediaUrl, TEXT_SLICE, WHOLE_LIMIT, type Slice } from './preview-fetch';

interface Props {
  paneName: string;
  item: ItemRef | null;
  name: string;
  /** The folder's images, shown as thumbnails while no single file is selected. */
  gallery?: GalleryItem[];
}

function useObjectUrl(bytes: Uint8Array | null, type: string): string | null {
  const url = useMemo(() => (bytes ? URL.createObjectURL(new Blob([bytes as BlobPart], { type })) : null), [bytes, type]);
  useEffect(() => () => (url ? URL.revokeObjectURL(url) : undefined), [url]);
  return url;
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

function Body({ first, item, name }: { first: Slice; item: ItemRef; name: string }) {
  const isImage = first.kind === 'image' || first.kind === 'svg';
  const whole = useQuery({
    queryKey: ['preview-whole', item],
    queryFn: () => fetchSlice(item, 0, Math.max(1, first.size)),
    enabled: isImage && first.size > first.bytes.length && first.size <= WHOLE_LIMIT,
    retry: false,
    gcTime: 0,
  });
  const imageBytes = isImage ? (first.size <= first.bytes.length ? first.bytes : (whole.data?.bytes ?? null)) : null;
  const src = useObjectUrl(imageBytes, first.sniffed);
  const [text, setText] = useState<Uint8Array>(first.bytes);
  const [loading, setLoading] = useState(false);
  const [moreError, setMoreError] = useState('');
  const decoded = useMemo(() => new TextDecoder().decode(text), [text]);
  const cut = text.length < first.size;

  if (isImage) {
    if (first.size > WHOLE_LIMIT)
      return <p className="muted">Too large to preview ({formatBytes(first.size)}); images up to 16 MiB are shown.</p>;
    if (whole.isError) return <p role="alert">{whole.error.message}</p>;
    return src ? <img className="preview-image" src={src} alt={name} /> : <p className="muted">Loading…</p>;
  }
  if (first.kind === 'audio' || first.kind === 'video') {
    // Played straight from the bucket through the core, a ranged read of at most 1 MiB per request: any size, and seeking works.
    const Player = first.kind;
    return (
      <figure className="preview-media">
        <Player controls preload="metadata" src={mediaUrl(item)} aria-label={`Play ${name}`} />
        <figcaption className="muted">
          {formatBytes(first.size)}, streamed from the bucket in pieces of up to 1 MiB; nothing is downloaded whole.
        </figcaption>
      </figure>
    );
  }
  if (first.kind === 'pdf') {
    return <PdfView item={item} name={name} size={first.size} />;
  }
  if (first.kind === 'binary') {
    return <p className="muted">No preview for this kind of file ({first.sniffed}).</p>;
  }
  const loadMore = async () => {
    setLoading(true);
    setMoreError('');
    try {
      const next = await fetchSlice(item, text.length, TEXT_SLICE);
      setText((t) => concat(t, next.bytes));
    } catch (err) {
      setMoreError(err instanceof Error ? err.message : String(err));
    } finally {
      setLoading(false);
    }
  };
  let view = <pre className="preview-text">{decoded}</pre>;
  const json = first.kind === 'json' && !cut ? parseJson(decoded) : null;
  if (json?.ok) {
    view = <JsonTree value={json.value} />;
  } else if (json) {
    view = (
      <>
        <p className="muted">This is not valid JSON; shown as text.</p>
        {view}
      </>
    );
  } else if (first.kind === 'csv' || first.kind === 'tsv') {
    view = <CsvTable text={decoded} sep={first.kind === 'csv' ? ',' : '\t'} label={`Rows of ${name}`} cut={cut} />;
  } else if (first.kind === 'markdown') {
    view = <MarkdownView text={decoded} />;
  }
  return (
    <>
      {view}
      {cut && (
        <p className="preview-more">
          <span className="muted">
            Showing {formatBytes(text.length)} of {formatBytes(first.size)}.
          </span>{' '}
          <button type="button" onClick={() => void loadMore()} disabled={loading}>
            Load more
          </button>
          {moreError && <span role="alert"> {moreError}</span>}
        </p>
      )}
    </>
  );
}

export function PreviewPanel({ paneName, item, name, gallery = [] }: Props) {
  const first = useQuery({
    queryKey: ['preview', item],
    queryFn: ({ signal }) => fetchSlice(item as ItemRef, 0, TEXT_SLICE, signal),
    enabled: item !== null,
    retry: false,
    gcTime: 0,
  });
  return (
    // Focusable: the panel scrolls, and the keyboard must be able to scroll it.
    <section
      className={first.data?.kind === 'pdf' ? 'preview-panel preview-panel-tall' : 'preview-panel'}
      role="region"
      aria-label="Preview"
      tabIndex={0}
    >
      <h2 className="visually-hidden">Preview in {paneName}</h2>
      {item === null && <Gallery images={gallery} />}
      {item !== null && first.isPending && <p className="muted">Loading…</p>}
      {item !== null && first.isError && <p role="alert">{first.error.message}</p>}
      {item !== null && first.data && (
        <>
          <p className="preview-type muted">
            <span>{name}</span> · {formatBytes(first.data.size)} · {first.data.sniffed}
            {first.data.claimed && first.data.claimed !== first.data.sniffed ? ` (server says ${first.data.claimed})` : ''}
          </p>
          {!first.data.agree && (
            <p role="note" className="preview-mismatch">
              The server calls this {first.data.claimed}, but its bytes look like {first.data.sniffed}: shown as {first.data.sniffed}.
            </p>
          )}
          <Body key={JSON.stringify(item)} first={first.data} item={item} name={name} />
        </>
      )}
    </section>
  );
}
