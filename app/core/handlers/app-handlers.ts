import os from 'node:os';
import type { Handlers } from '../dispatcher.js';
import type { CoreContext } from '../core-context.js';
import { FERRY_VERSION } from '../version.js';

export function appHandlers(ctx: CoreContext): Pick<Handlers, 'app.info'> {
  return {
    'app.info': async () => ({
      version: FERRY_VERSION,
      shell: ctx.options.shell,
      homeDir: ctx.options.localRoots?.[0] ?? ctx.options.homeDir ?? os.homedir(),
    }),
  };
}
