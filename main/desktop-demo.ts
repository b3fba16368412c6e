/**
 * The demo clouds in the desktop app (Help › Try the Demo Clouds), the same
 * two seeded servers `serve --demo` starts, gone when Ferry quits.
 *
 * Their server, s3rver, is a development dependency and stays one: the
 * packaged app ships production dependencies only, and
 * scripts/check-package.mjs holds s3rver out of app.asar (it would bring
 * koa, winston and an old multipart parser into every install, and a
 * listening server into an app that otherwise opens none). So the item is
 * offered only where s3rver can be loaded: Ferry run from a checkout. An
 * installed Ferry has no such item rather than one that fails.
 */
import type { FerryCore } from '../app/core/ferry-core.js';
import { startDemoClouds, type DemoClouds } from '../app/demo/demo-clouds.js';

/** Whether the demo can run here: never in a packaged app, and only where s3rver resolves. */
export function demoAvailable(isPackaged: boolean, resolve: (id: string) => string): boolean {
  if (isPackaged) return false;
  try {
    resolve('s3rver');
    return true;
  } catch {
    return false;
  }
}

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
