/**
 * The header row of the Objects grid: one column header per visible column,
 * each a button that sorts by it (aria-sort says how the rows are sorted),
 * and between headers a separator the user drags, or moves with the arrow
 * keys, to resize the column on its left.
 */
import type { KeyboardEvent, PointerEvent } from 'react';
import { columnDef, widthOf, type ColumnId, type ColumnWidths } from '../listing/columns';
import type { SortColumn, SortOrder } from '../listing/listing-view';

interface Props {
  columns: readonly ColumnId[];
  widths: ColumnWidths;
  sort: SortOrder | null;
  onSort(order: SortOrder): void;
  onResize(column: ColumnId, width: number): void;
}

const STEP = 10;
const MAX_WIDTH = 600;

function ariaSort(column: ColumnId, sort: SortOrder | null): 'ascending' | 'descending' | 'none' {
  if (!sort || sort.column !== column) return 'none';
  return sort.descending ? 'descending' : 'ascending';
}

function Resizer({ column, widths, onResize }: { column: ColumnId; widths: ColumnWidths; onResize: Props['onResize'] }) {
  const def = columnDef(column);
  const width = widthOf(column, widths);
  const set = (w: number) => onResize(column, Math.round(Math.min(MAX_WIDTH, Math.max(def.min, w))));
  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    e.preventDefault();
    e.stopPropagation();
    const startX = e.clientX;
    const target = e.currentTarget;
    target.setPointerCapture(e.pointerId);
    // The handle sits on the column's left edge: dragging left widens it.
    const move = (ev: globalThis.PointerEvent) => set(width + (startX - ev.clientX));
    const up = () => {
      target.removeEventListener('pointermove', move);
      target.removeEventListener('pointerup', up);
    };
    target.addEventListener('pointermove', move);
    target.addEventListener('pointerup', up);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') {
      e.preventDefault();
      e.stopPropagation();
      set(width + (e.key === 'ArrowLeft' ? STEP : -STEP));
    }
  };
  return (
    <div
      role="separator"
      aria-orientation="vertical"
      aria-label={`Width of ${def.label}`}
      aria-valuenow={width}
      aria-valuemin={def.min}
      aria-valuemax={MAX_WIDTH}
      tabIndex={0}
      className="col-resizer"
      onPointerDown={onPointerDown}
      onKeyDown={onKeyDown}
      onClick={(e) => e.stopPropagation()}
    />
  );
}

export function ColumnHeaders({ columns, widths, sort, onSort, onResize }: Props) {
  return (
    <div role="row" aria-rowindex={1} className="grid-row">
      {columns.map((column) => {
        const def = columnDef(column);
        const sortable = column !== 'etag';
        const state = ariaSort(column, sort);
        const next = (): SortOrder => ({ column: column as SortColumn, descending: state === 'ascending' });
        return (
          <div
            key={column}
            role="columnheader"
            aria-sort={sortable ? state : undefined}
            className={`grid-cell col-head col-${column}${def.numeric ? ' num' : ''}`}
          >
            {column !== 'name' && <Resizer column={column} widths={widths} onResize={onResize} />}
            {sortable ? (
              <button type="button" className="sort-button" onClick={() => onSort(next())}>
                {def.label}
                <span aria-hidden="true" className="sort-mark">
                  {state === 'ascending' ? ' ▲' : state === 'descending' ? ' ▼' : ''}
                </span>
              </button>
            ) : (
              def.label
            )}
          </div>
        );
      })}
    </div>
  );
}
