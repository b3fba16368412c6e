/**
 * The window comes back where the user left it: size, position and whether
 * it was maximized, kept in `window-state.json` in the user-data folder. A
 * position that is no longer on any display (a monitor unplugged) is dropped
 * and the window is centred instead.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { writeFileAtomicSync } from '../app/base/atomic-file.js';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  version: 1;
  bounds: Partial<Rect> & { width: number; height: number };
  maximized: boolean;
}

export const DEFAULT_STATE: WindowState = { version: 1, bounds: { width: 1400, height: 900 }, maximized: false };
export const MIN_SIZE = { width: 720, height: 480 };

const stateSchema = z.object({
  version: z.literal(1),
  bounds: z.object({
    x: z.number().int().optional(),
    y: z.number().int().optional(),
    width: z.number().int().min(1).max(100_000),
    height: z.number().int().min(1).max(100_000),
  }),
  maximized: z.boolean(),
});

export function stateFile(userDataDir: string): string {
  return path.join(userDataDir, 'window-state.json');
}

export function loadWindowState(userDataDir: string): WindowState {
  try {
    const parsed = stateSchema.safeParse(JSON.parse(readFileSync(stateFile(userDataDir), 'utf8')));
    return parsed.success ? (parsed.data as WindowState) : DEFAULT_STATE;
  } catch {
    return DEFAULT_STATE;
  }
}

export function saveWindowState(userDataDir: string, state: WindowState): void {
  writeFileAtomicSync(stateFile(userDataDir), `${JSON.stringify(state, null, 2)}\n`);
}

function overlap(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

/**
 * Bounds to open with, given the displays' work areas now: the size is kept
 * (shrunk to fit the largest display), the position only when at least a
 * quarter of the window would be visible on some display.
 */
export function placeWindow(state: WindowState, workAreas: Rect[]): WindowState['bounds'] {
  const largest = workAreas.reduce(
    (best, a) => (a.width * a.height > best.width * best.height ? a : best),
    workAreas[0] ?? { x: 0, y: 0, width: 1400, height: 900 },
  );
  const width = Math.max(MIN_SIZE.width, Math.min(state.bounds.width, largest.width));
  const height = Math.max(MIN_SIZE.height, Math.min(state.bounds.height, largest.height));
  const { x, y } = state.bounds;
  if (x === undefined || y === undefined) return { width, height };
  const rect = { x, y, width, height };
  const visible = workAreas.some((area) => overlap(rect, area) >= (width * height) / 4);
  return visible ? rect : { width, height };
}
