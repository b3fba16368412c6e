/**
 * What the window keeps between starts: its panes (each with its location,
 * columns, widths and sort) and the user's settings. Both are schema-checked
 * on the way in and on the way back from disk; the renderer sees the types.
 */
import { z } from 'zod';
import { conflictPolicySchema } from './calls/transfer-calls.js';
import { locationSchema } from './schemas.js';

export const MAX_PANES = 6;

export const columnIdSchema = z.enum(['name', 'size', 'modified', 'kind', 'storageClass', 'etag']);
export const sortColumnSchema = z.enum(['name', 'size', 'modified', 'kind', 'storageClass']);

const widthSchema = z.number().int().min(20).max(2000);

export const paneStateSchema = z
  .object({
    location: locationSchema,
    columns: z.array(columnIdSchema).min(1).max(6),
    widths: z.partialRecord(columnIdSchema, widthSchema),
    sort: z.object({ column: sortColumnSchema, descending: z.boolean() }).strict().nullable(),
  })
  .strict();

/** A pane as saved: its state plus where it has been (version 2 on; a version 1 file has neither). */
export const savedPaneSchema = paneStateSchema
  .extend({
    history: z.array(locationSchema).min(1).max(100).optional(),
    at: z.number().int().min(0).optional(),
  })
  .strict();

/** The window around the panes: the Transfers dock and the Places sidebar. */
export const windowLayoutSchema = z
  .object({
    dockHeight: z.number().int().min(40).max(4000),
    dockCollapsed: z.boolean(),
    placesOpen: z.boolean().nullable(),
    placesWidth: z.number().int().min(120).max(800),
  })
  .strict();

export const workspaceSchema = z
  .object({
    panes: z.array(savedPaneSchema).min(1).max(MAX_PANES),
    layout: windowLayoutSchema.optional(),
    activePane: z
      .number()
      .int()
      .min(0)
      .max(MAX_PANES - 1),
  })
  .strict();

export type PaneState = z.infer<typeof paneStateSchema>;
export type WorkspaceState = z.infer<typeof workspaceSchema>;
export type SavedPane = z.infer<typeof savedPaneSchema>;
export type WindowLayout = z.infer<typeof windowLayoutSchema>;
export type ColumnId = z.infer<typeof columnIdSchema>;

const MiB = 1024 * 1024;

/** The window's settings; the transfer ones apply to every job the window starts. */
export const settingsSchema = z
  .object({
    theme: z.enum(['system', 'light', 'dark']),
    objectsInFlight: z.number().int().min(1, 'at least 1 object in flight').max(256, 'at most 256 objects in flight'),
    partsInFlight: z.number().int().min(1, 'at least 1 part in flight').max(256, 'at most 256 parts in flight'),
    /** Bytes; S3 wants parts of 5 MiB at least and 5 GiB at most. */
    partSize: z
      .number()
      .int()
      .min(5 * MiB, 'a part is at least 5 MiB')
      .max(5 * 1024 * MiB, 'a part is at most 5 GiB'),
    /** Bytes per second for all transfers together, or null for no limit. */
    bandwidthLimit: z
      .number()
      .int()
      .min(64 * 1024, 'a bandwidth limit is at least 64 KiB/s')
      .nullable(),
    conflict: conflictPolicySchema,
    showHiddenFiles: z.boolean(),
    confirmDelete: z.boolean(),
  })
  .strict();

export type Settings = z.infer<typeof settingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
  theme: 'system',
  objectsInFlight: 16,
  partsInFlight: 16,
  partSize: 8 * MiB,
  bandwidthLimit: null,
  conflict: 'ask',
  showHiddenFiles: false,
  confirmDelete: true,
};

/** A place the user pinned in the sidebar: any location, local or remote, with a name. */
export const bookmarkSchema = z
  .object({
    name: z.string().trim().min(1, 'a bookmark needs a name').max(100, 'a bookmark name is at most 100 characters'),
    location: locationSchema,
  })
  .strict();

export const bookmarksSchema = z.array(bookmarkSchema).max(500, 'at most 500 bookmarks');

export type Bookmark = z.infer<typeof bookmarkSchema>;
