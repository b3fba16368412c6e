/**
 * The demo clouds in the desktop app (Help › Try the Demo Clouds), the same
 * two seeded servers `serve --demo` starts, gone when Ferry quits. Their
 * server is Ferry's own (app/demo/server/, plain Node), so an installed
 * Ferry offers the item as a checkout does.
 */
import type { FerryCore } from '../app/core/ferry-core.js';
import { startDemoClouds, type DemoClouds } from '../app/demo/demo-clouds.js';

export interface DesktopDemo {
  /** Starts the demo clouds once; a second call while they run changes nothing. */
  start(): Promise<DemoClouds>;
  /** Removes their connections, servers and data; nothing when none run. */
  stop(): Promise<void>;
  readonly running: boolean;
}

export function desktopDemo(core: FerryCore, start = startDemoClouds): DesktopDemo {
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
