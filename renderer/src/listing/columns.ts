/**
 * The columns of the Objects grid: which exist, their default and smallest
 * widths, and the CSS grid template a set of widths makes. The name column
 * takes what is left; every other column has a width the user can drag.
 * Smallest widths are chosen so a compact size or date is never cut.
 */
import type { ColumnId } from '../../../app/api/workspace-types';

export type { ColumnId };

export interface ColumnDef {
  id: ColumnId;
  label: string;
  numeric: boolean;
  width: number;
  min: number;
  /** Shown unless the user turns it off; the others are opt-in. */
  standard: boolean;
}

export const COLUMNS: readonly ColumnDef[] = [
  { id: 'name', label: 'Name', numeric: false, width: 0, min: 100, standard: true },
  { id: 'size', label: 'Size', numeric: true, width: 76, min: 64, standard: true },
  { id: 'modified', label: 'Modified', numeric: false, width: 150, min: 146, standard: true },
  { id: 'kind', label: 'Kind', numeric: false, width: 72, min: 56, standard: true },
  { id: 'storageClass', label: 'Storage class', numeric: false, width: 120, min: 80, standard: false },
  { id: 'etag', label: 'ETag', numeric: false, width: 160, min: 80, standard: false },
];

export const columnIds = COLUMNS.map((c) => c.id);

export function columnDef(id: ColumnId): ColumnDef {
  const def = COLUMNS.find((c) => c.id === id);
  if (!def) throw new Error(`unknown column ${String(id)}`);
  return def;
}

export type ColumnWidths = Partial<Record<ColumnId, number>>;

export const defaultVisible: ColumnId[] = COLUMNS.filter((c) => c.standard).map((c) => c.id);

export function widthOf(id: ColumnId, widths: ColumnWidths): number {
  const def = columnDef(id);
  return Math.max(def.min, widths[id] ?? def.width);
}

/** The grid template for the visible columns, in their fixed order. */
export function gridTemplate(visible: readonly ColumnId[], widths: ColumnWidths): string {
  return COLUMNS.filter((c) => visible.includes(c.id))
    .map((c) => (c.id === 'name' ? `minmax(${c.min}px, 1fr)` : `${widthOf(c.id, widths)}px`))
    .join(' ');
}

/** The narrowest the grid can be with every column whole; a narrower pane scrolls sideways instead of cutting. */
export function gridMinWidth(visible: readonly ColumnId[], widths: ColumnWidths): number {
  return COLUMNS.filter((c) => visible.includes(c.id)).reduce((sum, c) => sum + (c.id === 'name' ? c.min : widthOf(c.id, widths)), 0);
}
