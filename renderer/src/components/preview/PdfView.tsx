/**
 * A PDF in the preview panel: the window's own viewer (Chromium's, or
 * Electron's with plugins on) in a frame on `/preview/media`, the one path
 * the page's CSP lets a frame load. That answer is sandboxed and streamed
 * from the bucket by ranged reads through the core, never a presigned URL.
 * A browser without a viewer (`navigator.pdfViewerEnabled === false`, as in
 * some kiosk and headless builds) would show an empty box or start a
 * download on its own, so the panel says so and offers Download instead.
 */
import { useState } from 'react';
import type { ItemRef } from '../../../../app/api/types';
import { call, CallError } from '../../bridge/ferry-client';
import { formatBytes } from '../../format';
import { browserDownload } from '../DownloadButton';
import { mediaUrl } from './preview-fetch';

interface Props {
  item: ItemRef;
  name: string;
  size: number;
}

/** Undefined in a browser too old to say; such a browser is given the frame, as it would show any PDF link. */
export function hasPdfViewer(nav: { pdfViewerEnabled?: boolean } = navigator): boolean {
  return nav.pdfViewerEnabled !== false;
}

function NoViewer({ item, name, size }: Props) {
  const [error, setError] = useState('');
  const [started, setStarted] = useState(false);
  const pickFolder = window.ferry?.pickFolder;
  const download = async () => {
    setError('');
    try {
      if (item.kind !== 's3') return;
      if (!pickFolder) {
        browserDownload(item);
        setStarted(true);
        return;
      }
      const folder = await pickFolder();
      if (!folder) return;
      await call('transfer.start', { sources: [item], destination: { kind: 'local', path: folder }, mode: 'copy', conflict: 'keep-both' });
      setStarted(true);
    } catch (err) {
      setError(err instanceof CallError ? err.data.message : String(err));
    }
  };
  return (
    <div className="preview-no-viewer">
      <p>
        This {pickFolder ? 'window' : 'browser'} has no PDF viewer, so {name} ({formatBytes(size)}) cannot be shown here.
        {item.kind === 's3' ? ' Download it to read it in your PDF reader.' : ' Open it from its folder with your PDF reader.'}
      </p>
      {item.kind === 's3' && (
        <p>
          <button type="button" onClick={() => void download()}>
            Download {name}
          </button>
          {started && <span className="muted"> {pickFolder ? 'The download is in Transfers.' : 'Your browser is downloading it.'}</span>}
        </p>
      )}
      {error && <p role="alert">{error}</p>}
    </div>
  );
}

export function PdfView(props: Props) {
  if (!hasPdfViewer()) return <NoViewer {...props} />;
  return (
    <figure className="preview-media preview-pdf">
      <iframe src={mediaUrl(props.item)} title={`PDF ${props.name}`} />
      <figcaption className="muted">{formatBytes(props.size)}, streamed from the bucket through Ferry; nothing is saved.</figcaption>
    </figure>
  );
}
