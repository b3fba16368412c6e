import { FerryError } from '../../api/errors.js';
import { defaultAwsFiles, listAwsProfiles } from '../../connections/aws-shared-config.js';
import { draftForAwsProfile } from '../../connections/aws-profile-draft.js';
import type { Handlers } from '../dispatcher.js';
import type { CoreContext } from '../core-context.js';

/** Built on the connection handlers: the test runs first so the connection is saved with what the probe learnt. */
export function awsProfileHandlers(
  ctx: CoreContext,
  connections: Pick<Handlers, 'connections.test' | 'connections.add'>,
): Pick<Handlers, 'connections.useAwsProfile'> {
  return {
    'connections.useAwsProfile': async ({ name }) => {
      const files = defaultAwsFiles();
      const info = listAwsProfiles(files).find((p) => p.name === name);
      if (!info)
        throw new FerryError('not-found', `There is no AWS profile named "${name}" in ${files.configFile} or ${files.credentialsFile}.`, {
          details: { field: 'name' },
        });
      const draft = draftForAwsProfile(
        info,
        ctx.connections.list().map((c) => c.label),
      );
      const report = await connections['connections.test']({ draft });
      const connection = await connections['connections.add'](draft);
      return { connection, report };
    },
  };
}
