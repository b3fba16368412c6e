/**
 * One listing as a table named "Objects". Rows are focusable and keyboard
 * driven (arrows move, Enter opens, Ctrl/⌘+A selects all); any row can be
 * dragged to the other pane (with the rest of the selection); folders accept
 * drops.
 */
import { useRef, useState, type DragEvent, type KeyboardEvent, type MouseEvent } from 'react';
import type { Entry } from '../../../app/api/types';
import { formatBytes, formatDate, visibleName } from '../format';
import { hasDragSources, hasOsFiles } from '../drag';
import type { SelectionModifiers } from '../hooks/use-selection';
import { EntryIcon } from './EntryIcon';

interface Props {
  entries: Entry[];
  selected: ReadonlySet<string>;
  onSelect(entry: Entry, mods: SelectionModifiers): void;
  onSelectAll(): void;
  onOpen(entry: Entry): void;
  onDragStartRow(entry: Entry, event: DragEvent): void;
  onDropOnFolder(entry: Entry, event: DragEvent): void;
  onBack(): void;
}

const kindLabel: Record<Entry['kind'], string> = { bucket: 'Bucket', folder: 'Folder', object: 'Object', file: 'File' };
const noMods: SelectionModifiers = { shiftKey: false, ctrlKey: false, metaKey: false };

export function ObjectTable({ entries, selected, onSelect, onSelectAll, onOpen, onDragStartRow, onDropOnFolder, onBack }: Props) {
  const body = useRef<HTMLTableSectionElement>(null);
  const [dropTarget, setDropTarget] = useState<string | null>(null);

  const focusRow = (index: number) => {
    const rows = body.current?.querySelectorAll<HTMLTableRowElement>('tr');
    rows?.[Math.max(0, Math.min(index, rows.length - 1))]?.focus();
  };

  const onKey = (e: KeyboardEvent, entry: Entry, index: number) => {
    switch (e.key) {
      case 'ArrowDown':
      case 'ArrowUp': {
        e.preventDefault();
        const next = entries[index + (e.key === 'ArrowDown' ? 1 : -1)];
        if (next) onSelect(next, { ...noMods, shiftKey: e.shiftKey });
        focusRow(index + (e.key === 'ArrowDown' ? 1 : -1));
        break;
      }
      case 'Enter':
        onOpen(entry);
        break;
      case 'Backspace':
        onBack();
        break;
      case ' ':
        e.preventDefault();
        onSelect(entry, { ...noMods, ctrlKey: true });
        break;
      case 'a':
        if (e.ctrlKey || e.metaKey) {
          e.preventDefault();
          onSelectAll();
        }
        break;
      default:
        break;
    }
  };

  const accepts = (e: DragEvent) => hasDragSources(e.dataTransfer) || hasOsFiles(e.dataTransfer);

  return (
    <table aria-label="Objects" aria-multiselectable="true" role="grid" className="objects">
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
            aria-selected={selected.has(entry.id)}
            className={dropTarget === entry.id ? 'drop-target' : undefined}
            draggable
            onClick={(e: MouseEvent) => onSelect(entry, e)}
            onDoubleClick={() => onOpen(entry)}
            onKeyDown={(e) => onKey(e, entry, index)}
            onDragStart={(e) => onDragStartRow(entry, e)}
            onDragOver={(e) => {
              if (entry.kind === 'folder' && accepts(e)) {
                e.preventDefault();
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
            <td className="num">{entry.kind === 'folder' || entry.kind === 'bucket' ? '' : formatBytes(entry.size)}</td>
            <td>{formatDate(entry.lastModified)}</td>
            <td>{kindLabel[entry.kind]}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
