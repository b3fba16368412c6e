/**
 * One row of the Objects grid. Memoised: while the grid scrolls, rows that
 * stay on screen keep their props and are not rendered again.
 */
import { memo, type DragEvent, type MouseEvent } from 'react';
import type { Entry } from '../../../app/api/types';
import { hasDragSources, hasOsFiles } from '../drag';
import { compactDate, exactBytes, exactDate, formatBytes, visibleName } from '../format';
import type { ColumnId } from '../listing/columns';
import { middleSplit } from '../listing/middle-ellipsis';
import { EntryIcon } from './EntryIcon';

export interface RowActions {
  click(entry: Entry, index: number, event: MouseEvent): void;
  open(entry: Entry): void;
  dragStart(entry: Entry, event: DragEvent): void;
  dragOverFolder(entry: Entry): void;
  dragLeave(): void;
  dropOnFolder(entry: Entry, event: DragEvent): void;
  contextMenu(entry: Entry, index: number, event: MouseEvent): void;
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
  columns: readonly ColumnId[];
}

const kindLabel: Record<Entry['kind'], string> = { bucket: 'Bucket', folder: 'Folder', object: 'Object', file: 'File' };

const isContainer = (entry: Entry) => entry.kind === 'folder' || entry.kind === 'bucket';

/** A cell's compact text, and its exact value (for the tooltip and the accessible name) when the two differ. */
function cell(entry: Entry, column: ColumnId): { text: string; exact?: string } {
  switch (column) {
    case 'name':
      return { text: visibleName(entry.name) };
    case 'size':
      return isContainer(entry) ? { text: '' } : { text: formatBytes(entry.size), exact: exactBytes(entry.size) };
    case 'modified':
      return { text: compactDate(entry.lastModified), exact: exactDate(entry.lastModified) };
    case 'kind':
      return { text: kindLabel[entry.kind] };
    case 'storageClass':
      return { text: entry.storageClass ?? '' };
    case 'etag':
      return { text: entry.etag ?? '', exact: entry.etag ?? '' };
    default: {
      const unknown: never = column;
      throw new Error(`unknown column ${String(unknown)}`);
    }
  }
}

/**
 * A search result is named by its path below the folder searched. Its folder
 * part gives way first (ending in an ellipsis) so the name itself stays in
 * view; the whole path is the cell's tooltip and accessible name.
 */
function splitPath(text: string): [string, string] | null {
  const cut = Math.max(text.lastIndexOf('/', text.length - 2), text.lastIndexOf('\\', text.length - 2));
  return cut > 0 ? [text.slice(0, cut + 1), text.slice(cut + 1)] : null;
}

const accepts = (e: DragEvent) => hasDragSources(e.dataTransfer) || hasOsFiles(e.dataTransfer);

export const ObjectRow = memo(function ObjectRow({ id, entry, index, top, selected, active, dropTarget, actions, columns }: Props) {
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
      onContextMenu={(e) => actions.contextMenu(entry, index, e)}
      onDragStart={(e) => actions.dragStart(entry, e)}
      onDragOver={(e) => {
        if (entry.kind === 'folder' && accepts(e)) {
          e.preventDefault();
          actions.dragOverFolder(entry);
        }
      }}
      onDragLeave={actions.dragLeave}
      onDrop={(e) => {
        // Only data lands in a folder; anything else (a place from the sidebar) is the pane's to handle.
        if (entry.kind !== 'folder' || !accepts(e)) return;
        e.preventDefault();
        e.stopPropagation();
        actions.dropOnFolder(entry, e);
      }}
    >
      {columns.map((column) => {
        const { text, exact } = cell(entry, column);
        const label = exact && exact !== text ? `${text} (${exact})` : undefined;
        const parts = column === 'name' ? splitPath(text) : null;
        // A long plain name keeps its end (the extension) in view; a search result's path has its own split.
        const middle = column === 'name' && !parts ? middleSplit(text) : null;
        return (
          <div
            key={column}
            role="gridcell"
            className={`grid-cell col-${column}${column === 'name' ? ' name' : column === 'size' ? ' num' : ''}${parts ? ' path' : middle ? ' split' : ''}`}
            title={exact && exact !== text ? exact : column === 'name' ? text : undefined}
            // Split into two boxes, the path would be read with a space between them.
            aria-label={label ?? (parts || middle ? text : undefined)}
          >
            {column === 'name' && <EntryIcon kind={entry.kind} />}
            {parts ? (
              <>
                <span className="name-folder">{parts[0]}</span>
                <span className="name-base">{parts[1]}</span>
              </>
            ) : middle ? (
              <>
                <span className="name-head">{middle[0]}</span>
                <span className="name-tail">{middle[1]}</span>
              </>
            ) : (
              text
            )}
          </div>
        );
      })}
    </div>
  );
});
