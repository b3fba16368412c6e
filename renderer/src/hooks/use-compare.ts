/**
 * One compare between two locations, fed by pushed `sync.progress` batches:
 * rows (the first few thousand of each class, in key order), counts per
 * class that cover every key, and once done the plans a sync would run.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { CompareProgress } from '../../../app/api/calls/sync-calls';
import type { CompareCounts, CompareOptions, CompareRow, Location, SyncMode } from '../../../app/api/types';
import { call, CallError, onEvent } from '../bridge/ferry-client';

export interface CompareState {
  compareId: string | null;
  rows: CompareRow[];
  counts: CompareCounts | null;
  done: boolean;
  plans: CompareProgress['plans'];
  previews: CompareProgress['previews'] | undefined;
  error: string | null;
  /** Local entries left out because they are not files, the first few named. */
  leftOut: CompareProgress['leftOut'];
}

const idle: CompareState = {
  compareId: null,
  rows: [],
  counts: null,
  done: false,
  plans: undefined,
  previews: undefined,
  error: null,
  leftOut: undefined,
};

export function useCompare() {
  const [state, setState] = useState<CompareState>(idle);
  const current = useRef<string | null>(null);
  // Batches can arrive before the call that started the compare has answered: keep them until it has.
  const early = useRef<CompareProgress[]>([]);
  // Each start() is one generation: a start overtaken by another (a direction changed while a compare was
  // starting) cancels its compare when it answers instead of taking over the window's rows.
  const generation = useRef(0);

  const apply = useCallback((p: CompareProgress) => {
    setState((s) => ({
      compareId: p.compareId,
      rows: p.rows.length > 0 ? [...s.rows, ...p.rows] : s.rows,
      counts: p.counts,
      done: p.done,
      plans: p.plans ?? s.plans,
      previews: p.previews,
      error: p.error?.message ?? null,
      leftOut: p.leftOut ?? s.leftOut,
    }));
  }, []);

  useEffect(
    () =>
      onEvent('sync.progress', (p) => {
        if (current.current === null) early.current.push(p);
        else if (p.compareId === current.current) apply(p);
      }),
    [apply],
  );

  const start = useCallback(
    async (left: Location, right: Location, compare: CompareOptions, mode: SyncMode = 'mirror') => {
      if (current.current) void call('sync.cancelCompare', { compareId: current.current }).catch(() => undefined);
      const mine = ++generation.current;
      current.current = null;
      early.current = [];
      setState(idle);
      try {
        const { compareId } = await call('sync.compare', { left, right, compare, mode });
        if (mine !== generation.current) {
          void call('sync.cancelCompare', { compareId }).catch(() => undefined);
          return;
        }
        current.current = compareId;
        setState({ ...idle, compareId });
        for (const p of early.current.filter((e) => e.compareId === compareId)) apply(p);
        early.current = [];
      } catch (err) {
        if (mine !== generation.current) return;
        setState({ ...idle, done: true, error: err instanceof CallError ? err.data.message : String(err) });
      }
    },
    [apply],
  );

  const stop = useCallback(() => {
    generation.current++;
    if (current.current) void call('sync.cancelCompare', { compareId: current.current }).catch(() => undefined);
  }, []);

  return { state, start, stop };
}
