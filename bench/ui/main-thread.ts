/** What the window's main thread spent: its own CPU clock per frame from a trace, and a sampled profile's top functions. */
import type { Browser, Page } from '@playwright/test';
import { log } from './options';

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

export interface MainThreadCpu {
  /** CPU time of the window's main thread per frame, from the trace's thread clock (what the frame cost, whoever else ran). */
  perFrameMs: number;
  /** The longest single task, in CPU time. */
  longestTaskMs: number;
  /** Inclusive CPU time per kind of work (they nest: a task holds script, script holds layout…). */
  byKind: Record<string, number>;
}

const KINDS = [
  'FunctionCall',
  'EventDispatch',
  'FireAnimationFrame',
  'UpdateLayoutTree',
  'Layout',
  'PrePaint',
  'Paint',
  'Layerize',
  'Commit',
];

/**
 * Runs `work` under Chromium's tracing and reads the renderer main thread's
 * own CPU clock: on a shared, busy machine a frame's wall time includes
 * waiting for a core; its CPU time does not.
 */
export async function mainThreadCpu<T>(browser: Browser, page: Page, work: () => Promise<T[]>): Promise<{ out: T[]; cpu: MainThreadCpu }> {
  await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
  const out = await work();
  const trace = JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(trace) ? trace : trace.traceEvents;
  const mains = new Set(
    events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`),
  );
  // The busiest renderer main thread is the page's (others are idle frames and workers).
  const perThread = new Map<string, number>();
  for (const e of events) {
    const key = `${e.pid}:${e.tid}`;
    if (e.ph === 'X' && e.name === 'RunTask' && mains.has(key)) perThread.set(key, (perThread.get(key) ?? 0) + (e.tdur ?? 0));
  }
  const main = [...perThread].sort((a, b) => b[1] - a[1])[0]?.[0];
  let total = 0;
  let longest = 0;
  const byKind: Record<string, number> = {};
  for (const e of events) {
    if (e.ph !== 'X' || `${e.pid}:${e.tid}` !== main) continue;
    const cpu = (e.tdur ?? 0) / 1000;
    if (e.name === 'RunTask') {
      total += cpu;
      longest = Math.max(longest, cpu);
    } else if (KINDS.includes(e.name)) byKind[e.name] = (byKind[e.name] ?? 0) + cpu;
  }
  const frames = Math.max(1, out.length);
  for (const k of Object.keys(byKind)) byKind[k] = (byKind[k] ?? 0) / frames;
  return { out, cpu: { perFrameMs: total / frames, longestTaskMs: longest, byKind } };
}

export interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples?: number[];
  timeDeltas?: number[];
}

/** The functions the window spent most of its own time in while scrolling. */
export function printProfile(profile: CpuProfile): void {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  let total = 0;
  (profile.samples ?? []).forEach((id, i) => {
    const frame = byId.get(id)?.callFrame;
    const dt = profile.timeDeltas?.[i] ?? 0;
    total += dt;
    const name = frame ? `${frame.functionName || '(anonymous)'} ${frame.url.split('/').pop() ?? ''}:${frame.lineNumber + 1}` : '?';
    self.set(name, (self.get(name) ?? 0) + dt);
  });
  log(`[ui-bench] window CPU profile while scrolling, self time of the top functions (of ${(total / 1000).toFixed(0)} ms sampled):`);
  for (const [name, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 15)) log(`  ${(us / 1000).toFixed(1).padStart(8)} ms  ${name}`);
}
