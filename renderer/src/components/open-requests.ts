/**
 * Asking the workspace to open places from outside it (the first-start
 * panel, a connection just made): the first location in the active pane,
 * the next in the pane after it, and so on while panes last. A window event
 * keeps the panel and the workspace apart, as the menu's commands are.
 */
import { useEffect } from 'react';
import type { Location } from '../../../app/api/types';

const EVENT = 'ferry:open-locations';

export function requestOpen(locations: Location[]): void {
  window.dispatchEvent(new CustomEvent<Location[]>(EVENT, { detail: locations }));
}

export function useOpenRequests(open: (locations: Location[]) => void): void {
  useEffect(() => {
    const on = (e: Event) => open((e as CustomEvent<Location[]>).detail);
    window.addEventListener(EVENT, on);
    return () => window.removeEventListener(EVENT, on);
  }, [open]);
}

/** The root of a connection (its buckets), as a pane opens it. */
export const connectionRoot = (connectionId: string): Location => ({ kind: 's3', connectionId, bucket: '', prefix: '' });
