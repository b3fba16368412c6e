import os from 'node:os';
import { FerryError } from '../../api/errors.js';
import type { Handlers } from '../dispatcher.js';
import type { CoreContext } from '../core-context.js';
import { FERRY_VERSION } from '../version.js';

export function appHandlers(ctx: CoreContext): Pick<Handlers, 'app.info' | 'app.startDemo'> {
  return {
    'app.info': async () => ({
      version: FERRY_VERSION,
      shell: ctx.options.shell,
      homeDir: ctx.options.localRoots?.[0] ?? ctx.options.homeDir ?? os.homedir(),
      demo: ctx.options.demo !== undefined,
    }),
    'app.startDemo': async () => {
      if (!ctx.options.demo) throw new FerryError('unsupported', 'The demo clouds are not available in this Ferry.');
      return ctx.options.demo.start();
    },
  };
}
