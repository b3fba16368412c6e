/**
 * What a window with no connection offers: add one, import rclone's remotes,
 * the AWS profiles found on this machine (offered by name, never used
 * silently), the local files already in the panes, and the demo clouds.
 */
import { useState } from 'react';
import { AwsProfileOffers } from './connections/AwsProfileOffers';
import { TryDemo } from './TryDemo';

interface Props {
  shell: 'desktop' | 'serve';
  /** Whether the host can start the demo clouds from here. */
  demo: boolean;
  onAddConnection(): void;
  onImport(): void;
}

export function FirstStart({ shell, demo, onAddConnection, onImport }: Props) {
  const [hidden, setHidden] = useState(false);
  if (hidden) return null;
  return (
    <section className="first-start" aria-labelledby="first-start-title">
      {/* Beside the heading, so it stays in view when a short window makes the panel scroll. */}
      <div className="first-start-head">
        <h2 id="first-start-title">Start here</h2>
        <button type="button" className="link" onClick={() => setHidden(true)}>
          Hide this
        </button>
      </div>
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
        {demo && (
          <li>
            <TryDemo />
          </li>
        )}
      </ul>
      <AwsProfileOffers place="first-start" />
    </section>
  );
}
