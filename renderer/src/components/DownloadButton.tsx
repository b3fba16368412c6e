/**
 * "Download" for the selected objects and folders of an S3 pane. The desktop
 * app asks for a folder with the system dialog and starts a transfer job;
 * a browser in serve mode downloads each selected object through the
 * browser's own downloads (folders need a pane on the serving machine).
 */
import { useState } from 'react';
import type { ConflictPolicy, TransferSource } from '../../../app/api/types';
import { call, CallError } from '../bridge/ferry-client';

interface Props {
  paneName: string;
  sources: TransferSource[];
  conflict: ConflictPolicy;
}

/** Also the PDF preview's fallback where the browser has no viewer. */
export function browserDownload(source: Extract<TransferSource, { kind: 's3' }>): void {
  const a = document.createElement('a');
  a.href = `/download?item=${encodeURIComponent(JSON.stringify(source))}`;
  a.download = source.key.slice(source.key.lastIndexOf('/') + 1);
  document.body.append(a);
  a.click();
  a.remove();
}

export function DownloadButton({ paneName, sources, conflict }: Props) {
  const [error, setError] = useState<string | null>(null);
  const pickFolder = window.ferry?.pickFolder;

  const run = async () => {
    setError(null);
    try {
      if (pickFolder) {
        const folder = await pickFolder();
        if (folder) await call('transfer.start', { sources, destination: { kind: 'local', path: folder }, mode: 'copy', conflict });
        return;
      }
      const objects = sources.filter((s): s is Extract<TransferSource, { kind: 's3' }> => s.kind === 's3');
      if (objects.length < sources.length)
        setError('A browser downloads objects one by one; for folders, open a pane on the serving machine and drag them there.');
      objects.forEach(browserDownload);
    } catch (err) {
      setError(err instanceof CallError ? err.data.message : String(err));
    }
  };

  return (
    <>
      <button type="button" aria-label={`Download selection of ${paneName}`} disabled={sources.length === 0} onClick={() => void run()}>
        Download
      </button>
      {error && (
        <span role="alert" className="inline-error">
          {error}
        </span>
      )}
    </>
  );
}
