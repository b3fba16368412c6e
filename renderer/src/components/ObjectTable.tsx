/**
 * One listing as a table named "Objects". Rows are focusable and keyboard
 * driven (arrows move, Enter opens); objects and files can be dragged to the
 * other pane; folders accept drops.
 */
import { useRef, useState, type DragEvent, type KeyboardEvent } from 'react';
import type { Entry } from '../../../app/api/types';
import { formatBytes, formatDate, visibleName } from '../format';
import { hasDragItem } from '../drag';
import { EntryIcon } from './EntryIcon';

interface Props {
  entries: Entry[];
  selectedId: string | null;
  onSelect(entry: Entry): void;
  onOpen(entry: Entry): void;
  onDragStartRow(entry: Entry, event: DragEvent): void;
  onDropOnFolder(entry: Entry, event: DragEvent): void;
  onBack(): void;
}

const kindLabel: Record<Entry['kind'], string> = { bucket: 'Bucket', folder: 'Folder', object: 'Object', file: 'File' };

export function ObjectTable({ entries, selectedId, onSelect, onOpen, onDragStartRow, onDropOnFolder, onBack }: Props) {
  const body = useRef<HTMLTableSectionElement>(null);
  const [dropTarget, setDropTarget] = useState<string | null>(null);

  const focusRow = (index: number) => {
    const rows = body.current?.querySelectorAll<HTMLTableRowElement>('tr');
    rows?.[Math.max(0, Math.min(index, rows.length - 1))]?.focus();
  };

  const onKey = (e: KeyboardEvent, entry: Entry, index: number) => {
    switch (e.key) {
      case 'ArrowDown':
        e.preventDefault();
        focusRow(index + 1);
        break;
      case 'ArrowUp':
        e.preventDefault();
        focusRow(index - 1);
        break;
      case 'Enter':
        onOpen(entry);
        break;
      case 'Backspace':
        onBack();
        break;
      case ' ':
        e.preventDefault();
        onSelect(entry);
        break;
      default:
        break;
    }
  };

  const isContainer = (entry: Entry) => entry.kind === 'folder' || entry.kind === 'bucket';

  return (
    <table aria-label="Objects" className="objects">
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col" className="num">
            Size
          </th>
          <th scope="col">Modified</th>
          <th scope="col">Kind</th>
        </tr>
      </thead>
      <tbody ref={body}>
        {entries.map((entry, index) => (
          <tr
            key={entry.id}
            tabIndex={0}
            aria-selected={selectedId === entry.id}
            className={dropTarget === entry.id ? 'drop-target' : undefined}
            draggable={!isContainer(entry)}
            onClick={() => onSelect(entry)}
            onFocus={() => onSelect(entry)}
            onDoubleClick={() => onOpen(entry)}
            onKeyDown={(e) => onKey(e, entry, index)}
            onDragStart={(e) => onDragStartRow(entry, e)}
            onDragOver={(e) => {
              if (entry.kind === 'folder' && hasDragItem(e.dataTransfer)) {
                e.preventDefault();
                e.stopPropagation();
                e.dataTransfer.dropEffect = 'copy';
                setDropTarget(entry.id);
              }
            }}
            onDragLeave={() => setDropTarget(null)}
            onDrop={(e) => {
              if (entry.kind !== 'folder') return;
              e.preventDefault();
              e.stopPropagation();
              setDropTarget(null);
              onDropOnFolder(entry, e);
            }}
          >
            <td className="name">
              <EntryIcon kind={entry.kind} />
              {visibleName(entry.name)}
            </td>
            <td className="num">{isContainer(entry) ? '' : formatBytes(entry.size)}</td>
            <td>{formatDate(entry.lastModified)}</td>
            <td>{kindLabel[entry.kind]}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
