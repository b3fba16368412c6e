/**
 * What a window with no connection offers: add one, import rclone's remotes,
 * the AWS profiles found on this machine (offered by name, never used
 * silently), the local files already in the panes, and the demo clouds.
 */
import { useState } from 'react';
import { AwsProfileOffers } from './connections/AwsProfileOffers';

interface Props {
  shell: 'desktop' | 'serve';
  onAddConnection(): void;
  onImport(): void;
}

export function FirstStart({ shell, onAddConnection, onImport }: Props) {
  const [hidden, setHidden] = useState(false);
  if (hidden) return null;
  return (
    <section className="first-start" aria-labelledby="first-start-title">
      <h2 id="first-start-title">Start here</h2>
      <ul>
        <li>
          <button type="button" onClick={onAddConnection}>
            Add a connection
          </button>{' '}
          to any S3-compatible cloud: AWS, R2, B2, GCS, MinIO and twenty more.
        </li>
        <li>
          <button type="button" onClick={onImport}>
            Import from rclone
          </button>{' '}
          brings in the remotes of your rclone config.
        </li>
        <li>The panes below already show {shell === 'serve' ? 'the files on the Ferry server' : 'your local files'}.</li>
        <li>
          {shell === 'serve' ? (
            <>
              No account at hand? Start Ferry with <code>npm run serve -- --demo</code> for two sample clouds to drag between.
            </>
          ) : (
            // The desktop offers the demo only when run from its source (main/desktop-demo.ts says why).
            <>No account at hand? Ferry run from its source has Help › Try the Demo Clouds: two sample clouds to drag between.</>
          )}
        </li>
      </ul>
      <AwsProfileOffers place="first-start" />
      <button type="button" className="link" onClick={() => setHidden(true)}>
        Hide this
      </button>
    </section>
  );
}
