/**
 * The demo clouds as a host keeps them: started once however often asked
 * (the first-start button, the desktop's Help menu, `serve --demo`), and
 * stopped when the host stops, before its core goes.
 */
import type { FerryCore } from '../core/ferry-core.js';
import { startDemoClouds, type DemoClouds } from './demo-clouds.js';

export interface DemoSession {
  /** Starts the demo clouds once; a second call while they run changes nothing. */
  start(): Promise<DemoClouds>;
  /** Removes their connections, servers and data; nothing when none run. */
  stop(): Promise<void>;
  readonly running: boolean;
}

export function demoSession(core: FerryCore, start = startDemoClouds): DemoSession {
  let clouds: Promise<DemoClouds> | null = null;
  return {
    start() {
      clouds ??= start(core).catch((err: unknown) => {
        clouds = null;
        throw err;
      });
      return clouds;
    },
    async stop() {
      const running = clouds;
      clouds = null;
      if (running) await (await running.catch(() => null))?.stop();
    },
    get running() {
      return clouds !== null;
    },
  };
}
