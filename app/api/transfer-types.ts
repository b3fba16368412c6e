/** Transfer shapes: jobs, their state and progress, as pushed to the renderer. */
import type { ItemRef, Location } from './types.js';

export type JobState = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

export interface JobSnapshot {
  id: string;
  kind: 'copy';
  state: JobState;
  source: ItemRef;
  destination: Location;
  /** Key or path written at the destination, once known. */
  destinationId?: string;
  name: string;
  bytesDone: number;
  bytesTotal: number;
  method?: 'single-put' | 'multipart' | 'local-write';
  startedAt: number;
  endedAt?: number;
  error?: { code: string; message: string };
}
