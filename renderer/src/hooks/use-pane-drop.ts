/**
 * What happens when something is dropped on a pane or one of its folders:
 * sources from the other pane start a copy (or a move with the platform's
 * modifier); files from the operating system upload, by path in the desktop
 * app or streamed from the browser in serve mode.
 */
import { useState, type DragEvent } from 'react';
import type { ConflictPolicy, Location, TransferSource } from '../../../app/api/types';
import { call, CallError } from '../bridge/ferry-client';
import { draggedBackSources } from '../bridge/drag-out';
import { droppedFiles, droppedPaths, uploadFromBrowser } from '../bridge/os-files';
import { getDragSources, hasDragSources, hasOsFiles, wantsMove } from '../drag';
import { formatBytes } from '../format';

export type DropIntent = 'copy' | 'move' | 'upload' | null;

export function usePaneDrop(conflict: ConflictPolicy) {
  const [intent, setIntent] = useState<DropIntent>(null);
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);

  const intentOf = (e: DragEvent): DropIntent => {
    if (hasDragSources(e.dataTransfer)) return wantsMove(e) ? 'move' : 'copy';
    if (hasOsFiles(e.dataTransfer)) return 'upload';
    return null;
  };

  const fail = (err: unknown) =>
    setMessage({ error: true, text: err instanceof CallError ? err.data.message : String((err as Error).message ?? err) });

  const start = async (sources: TransferSource[], destination: Location, mode: 'copy' | 'move') => {
    await call('transfer.start', { sources, destination, mode, conflict });
  };

  const drop = async (e: DragEvent, destination: Location) => {
    const what = intentOf(e);
    setIntent(null);
    setMessage(null);
    if (!what) return;
    if (destination.kind === 's3' && !destination.bucket) {
      setMessage({ error: true, text: 'Open a bucket first, then drop into it.' });
      return;
    }
    try {
      if (what !== 'upload') {
        const sources = getDragSources(e.dataTransfer);
        if (sources.length > 0) await start(sources, destination, what);
        return;
      }
      const paths = droppedPaths(e.dataTransfer);
      const draggedBack = draggedBackSources(paths);
      if (draggedBack) {
        await start(draggedBack, destination, wantsMove(e) ? 'move' : 'copy');
        return;
      }
      if (paths) {
        await start(
          paths.map((path) => ({ kind: 'local', path })),
          destination,
          'copy',
        );
        return;
      }
      const files = await droppedFiles(e.dataTransfer);
      if (files.length === 0) return;
      await uploadFromBrowser(files, destination, conflict, (sent, total) =>
        setMessage({ error: false, text: `Sending ${files.length} file(s) to Ferry: ${formatBytes(sent)} of ${formatBytes(total)}` }),
      );
      setMessage(null);
    } catch (err) {
      fail(err);
    }
  };

  const over = (e: DragEvent) => {
    const what = intentOf(e);
    if (!what) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = what === 'move' ? 'move' : 'copy';
    if (what !== intent) setIntent(what);
  };

  return {
    intent,
    message,
    over,
    drop,
    leave: () => setIntent(null),
    dismiss: () => setMessage(null),
    report: (text: string) => setMessage({ error: true, text }),
  };
}
