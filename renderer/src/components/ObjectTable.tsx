/**
 * One listing as a grid named "Objects", of any length: only the rows on
 * screen (and a few either side) are in the DOM, see row-window.ts. Rows
 * are ARIA grid rows of positioned boxes rather than table rows, so a row
 * keeps its place while the body around it moves.
 * aria-rowcount tells assistive technology how many rows there are and each
 * row carries its aria-rowindex, so a reader knows where it is.
 *
 * The grid itself holds the focus and points at the current row with
 * aria-activedescendant: a focused row element would vanish the moment it
 * scrolls out of the window. Arrows, Page Up/Down, Home and End move
 * through every loaded row (Shift extends the selection), Enter opens,
 * Space toggles, Backspace goes up, Ctrl/⌘+A selects all. Any row can be
 * dragged to the other pane (with the rest of the selection); folders
 * accept drops. Nearing the end asks the pane for more rows.
 */
import {
  useCallback,
  useEffect,
  useId,
  useLayoutEffect,
  useRef,
  useState,
  type CSSProperties,
  type DragEvent,
  type KeyboardEvent,
  type ReactNode,
} from 'react';
import type { Entry } from '../../../app/api/types';
import type { SelectionModifiers } from '../hooks/use-selection';
import { useRowWindow } from '../hooks/use-row-window';
import { defaultVisible, gridMinWidth, gridTemplate, type ColumnId, type ColumnWidths } from '../listing/columns';
import type { SortOrder } from '../listing/listing-view';
import { ROW_HEIGHT } from '../row-window';
import { ColumnHeaders } from './ColumnHeaders';
import { ObjectRow, type RowActions } from './ObjectRow';
import './object-table.css';

interface Props {
  entries: readonly Entry[];
  selected: ReadonlySet<string>;
  onSelect(entry: Entry, mods: SelectionModifiers): void;
  onSelectAll(): void;
  onOpen(entry: Entry): void;
  onDragStartRow(entry: Entry, event: DragEvent): void;
  onDropOnFolder(entry: Entry, event: DragEvent): void;
  onBack(): void;
  /** The user is within a screenful or two of the last loaded row. */
  onNearEnd?(): void;
  /** Id of the text saying how many rows are loaded and whether more exist. */
  describedBy?: string;
  columns?: readonly ColumnId[];
  widths?: ColumnWidths;
  sort?: SortOrder | null;
  onSort?(order: SortOrder): void;
  onResizeColumn?(column: ColumnId, width: number): void;
  /** Keys the grid does not handle itself (F2, Delete, copy and paste…), with the row under the cursor. */
  onOtherKey?(event: KeyboardEvent, current: Entry | undefined): void;
  /** A row's context menu asked for, at a point on screen (the mouse, or the row for the keyboard). */
  onContextMenuRow?(entry: Entry, x: number, y: number): void;
  /** The row to put the cursor on (an address that named an object), by entry id. */
  cursorId?: string | null;
}

/** Rows from the end at which the next page is asked for: enough to arrive before the user gets there. */
const NEAR_END_ROWS = 200;
const noMods: SelectionModifiers = { shiftKey: false, ctrlKey: false, metaKey: false };

export function ObjectTable(props: Props) {
  const { entries, selected, describedBy, columns = defaultVisible, widths = {}, sort = null } = props;
  const count = entries.length;
  const narrowColumns = columns.filter((c) => c !== 'kind');
  const { scrollerRef, onScroll, extent, windowHeight, start, end, base, bodyOffset, lastVisible, pageRows, reveal } = useRowWindow(count);
  const [cursor, setCursor] = useState<number | null>(null);
  const [dropTarget, setDropTarget] = useState<string | null>(null);
  const idBase = useId();
  const rowId = (index: number) => `${idBase}-row-${index}`;

  // Rows get one stable set of callbacks; they reach the newest props through this ref, so a row re-renders only when its own data changes.
  const latest = useRef(props);
  useLayoutEffect(() => {
    latest.current = props;
  });
  const [actions] = useState<RowActions>(() => ({
    click: (entry, index, event) => {
      setCursor(index);
      latest.current.onSelect(entry, event);
    },
    open: (entry) => latest.current.onOpen(entry),
    dragStart: (entry, event) => latest.current.onDragStartRow(entry, event),
    dragOverFolder: (entry) => setDropTarget(entry.id),
    dragLeave: () => setDropTarget(null),
    dropOnFolder: (entry, event) => {
      setDropTarget(null);
      latest.current.onDropOnFolder(entry, event);
    },
    contextMenu: (entry, index, event) => {
      if (!latest.current.onContextMenuRow) return;
      event.preventDefault();
      setCursor(index);
      latest.current.onContextMenuRow(entry, event.clientX, event.clientY);
    },
  }));

  // Asked again whenever the pane can load once more (its callback changes) while the user is still near the end.
  const nearEnd = count - 1 - lastVisible <= NEAR_END_ROWS;
  const { onNearEnd } = props;
  useEffect(() => {
    if (nearEnd) onNearEnd?.();
  }, [nearEnd, onNearEnd]);

  const active = cursor !== null && cursor < count ? cursor : null;

  // An address that named an object puts the cursor on it once its row has arrived.
  const { cursorId } = props;
  const cursorIndex = cursorId ? entries.findIndex((e) => e.id === cursorId) : -1;
  const [placedAt, setPlacedAt] = useState(-1);
  if (cursorIndex !== placedAt) {
    setPlacedAt(cursorIndex);
    if (cursorIndex >= 0) {
      setCursor(cursorIndex);
      reveal(cursorIndex);
    }
  }

  const moveTo = useCallback(
    (index: number, extend: boolean) => {
      const i = Math.max(0, Math.min(index, count - 1));
      const entry = entries[i];
      if (!entry) return;
      setCursor(i);
      reveal(i);
      latest.current.onSelect(entry, { ...noMods, shiftKey: extend });
    },
    [count, entries, reveal],
  );

  const onKey = (e: KeyboardEvent) => {
    const at = active ?? -1;
    const current = active !== null ? entries[active] : undefined;
    switch (e.key) {
      case 'ArrowDown':
        e.preventDefault();
        moveTo(at + 1, e.shiftKey);
        break;
      case 'ArrowUp':
        e.preventDefault();
        moveTo(at < 0 ? 0 : at - 1, e.shiftKey);
        break;
      case 'PageDown':
        e.preventDefault();
        moveTo(at + pageRows, e.shiftKey);
        break;
      case 'PageUp':
        e.preventDefault();
        moveTo(at - pageRows, e.shiftKey);
        break;
      case 'Home':
        e.preventDefault();
        moveTo(0, e.shiftKey);
        break;
      case 'End':
        e.preventDefault();
        moveTo(count - 1, e.shiftKey);
        break;
      case 'Enter':
        if (current) props.onOpen(current);
        break;
      case 'Backspace':
        props.onBack();
        break;
      case ' ':
        e.preventDefault();
        if (current) props.onSelect(current, { ...noMods, ctrlKey: true });
        break;
      case 'a':
        if (e.ctrlKey || e.metaKey) {
          e.preventDefault();
          props.onSelectAll();
        }
        break;
      case 'ContextMenu':
      case 'F10': {
        if (e.key === 'F10' && !e.shiftKey) break;
        e.preventDefault();
        const row = active !== null ? document.getElementById(rowId(active))?.getBoundingClientRect() : undefined;
        if (current && row) props.onContextMenuRow?.(current, row.left + 24, row.bottom);
        break;
      }
      default:
        props.onOtherKey?.(e, current);
        break;
    }
  };

  const rows: ReactNode[] = [];
  for (let i = start; i < end; i++) {
    const entry = entries[i];
    if (!entry) break;
    rows.push(
      <ObjectRow
        key={entry.id}
        id={rowId(i)}
        entry={entry}
        index={i}
        top={(i - base) * ROW_HEIGHT}
        selected={selected.has(entry.id)}
        active={i === active}
        dropTarget={dropTarget === entry.id}
        actions={actions}
        columns={columns}
      />,
    );
  }
  const activeShown = active !== null && active >= start && active < end;

  return (
    <div
      className="grid-scroller"
      ref={scrollerRef}
      onScroll={onScroll}
      style={
        {
          '--row-h': `${ROW_HEIGHT}px`,
          '--grid-cols': gridTemplate(columns, widths),
          '--grid-min': `${gridMinWidth(columns, widths)}px`,
          '--grid-cols-narrow': gridTemplate(narrowColumns, widths),
          '--grid-min-narrow': `${gridMinWidth(narrowColumns, widths)}px`,
        } as CSSProperties
      }
    >
      <div className="grid-extent" style={{ height: extent }}>
        <div
          className="grid-window"
          style={{ height: windowHeight }}
          // The window only clips; something scrolling it (a find-in-page, a focus) would skew every row.
          onScroll={(e) => {
            e.currentTarget.scrollTop = 0;
          }}
        >
          <div
            aria-label="Objects"
            aria-multiselectable="true"
            aria-rowcount={count + 1}
            aria-colcount={columns.length}
            aria-activedescendant={activeShown ? rowId(active) : undefined}
            aria-describedby={describedBy}
            role="grid"
            tabIndex={0}
            className="objects-grid"
            onKeyDown={onKey}
          >
            <div role="rowgroup" className="grid-head">
              <ColumnHeaders
                columns={columns}
                widths={widths}
                sort={sort}
                onSort={(order) => props.onSort?.(order)}
                onResize={(column, width) => props.onResizeColumn?.(column, width)}
              />
            </div>
            <div role="rowgroup" className="grid-body" style={{ transform: `translateY(${bodyOffset}px)` }}>
              {rows}
            </div>
          </div>
        </div>
      </div>
    </div>
  );
}
