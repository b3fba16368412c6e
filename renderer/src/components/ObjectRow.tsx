/**
 * One row of the Objects grid. Memoised: while the grid scrolls, rows that
 * stay on screen keep their props and are not rendered again.
 */
import { memo, type DragEvent, type MouseEvent } from 'react';
import type { Entry } from '../../../app/api/types';
import { hasDragSources, hasOsFiles } from '../drag';
import { formatBytes, formatDate, visibleName } from '../format';
import { EntryIcon } from './EntryIcon';

export interface RowActions {
  click(entry: Entry, index: number, event: MouseEvent): void;
  open(entry: Entry): void;
  dragStart(entry: Entry, event: DragEvent): void;
  dragOverFolder(entry: Entry): void;
  dragLeave(): void;
  dropOnFolder(entry: Entry, event: DragEvent): void;
}

interface Props {
  id: string;
  entry: Entry;
  index: number;
  /** Offset from the grid body's top, px. */
  top: number;
  selected: boolean;
  active: boolean;
  dropTarget: boolean;
  actions: RowActions;
}

const kindLabel: Record<Entry['kind'], string> = { bucket: 'Bucket', folder: 'Folder', object: 'Object', file: 'File' };

const accepts = (e: DragEvent) => hasDragSources(e.dataTransfer) || hasOsFiles(e.dataTransfer);

export const ObjectRow = memo(function ObjectRow({ id, entry, index, top, selected, active, dropTarget, actions }: Props) {
  const classes = ['grid-row', active ? 'active' : '', dropTarget ? 'drop-target' : ''].filter(Boolean).join(' ');
  return (
    <div
      role="row"
      id={id}
      aria-rowindex={index + 2}
      aria-selected={selected}
      className={classes}
      style={{ top }}
      draggable
      onClick={(e) => actions.click(entry, index, e)}
      onDoubleClick={() => actions.open(entry)}
      onDragStart={(e) => actions.dragStart(entry, e)}
      onDragOver={(e) => {
        if (entry.kind === 'folder' && accepts(e)) {
          e.preventDefault();
          actions.dragOverFolder(entry);
        }
      }}
      onDragLeave={actions.dragLeave}
      onDrop={(e) => {
        if (entry.kind !== 'folder') return;
        e.preventDefault();
        e.stopPropagation();
        actions.dropOnFolder(entry, e);
      }}
    >
      <div role="gridcell" className="grid-cell name">
        <EntryIcon kind={entry.kind} />
        {visibleName(entry.name)}
      </div>
      <div role="gridcell" className="grid-cell num">
        {entry.kind === 'folder' || entry.kind === 'bucket' ? '' : formatBytes(entry.size)}
      </div>
      <div role="gridcell" className="grid-cell">
        {formatDate(entry.lastModified)}
      </div>
      <div role="gridcell" className="grid-cell">
        {kindLabel[entry.kind]}
      </div>
    </div>
  );
});
