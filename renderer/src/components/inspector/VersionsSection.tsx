/**
 * Every version and delete marker of the key. A version can be downloaded
 * (through a short presigned link), restored (copied over the current one,
 * verified by the core) or deleted for good after a confirmation that says so.
 */
import { useState } from 'react';
import type { ObjectInspection, ObjectVersion } from '../../../../app/api/inspect-types';
import { call } from '../../bridge/ferry-client';
import { formatBytes, formatDate } from '../../format';
import { errorMessage } from './DiffDialog';
import { Modal } from './Modal';
import { SectionBody, SectionFrame } from './SectionFrame';
import { useDeleteVersion, useRestoreVersion } from './use-inspection';

const short = (id: string) => (id.length > 10 ? `${id.slice(0, 8)}…` : id);

type Action = { kind: 'restore' | 'delete'; version: ObjectVersion };

export function VersionsSection({ data }: { data: ObjectInspection }) {
  const [action, setAction] = useState<Action | null>(null);
  const [bypass, setBypass] = useState(false);
  const [linkError, setLinkError] = useState<string | null>(null);
  const restore = useRestoreVersion();
  const remove = useDeleteVersion();
  const item = data.item;
  const governed = data.lock.state === 'ok' && data.lock.value.retention?.mode === 'GOVERNANCE';

  const download = async (v: ObjectVersion) => {
    setLinkError(null);
    try {
      const link = await call('inspect.presign', { item, versionId: v.versionId, expiresSeconds: 300 });
      window.open(link.url, '_blank', 'noopener');
    } catch (err) {
      setLinkError(errorMessage(err));
    }
  };
  const close = () => {
    setAction(null);
    setBypass(false);
  };
  const confirm = () => {
    if (!action) return;
    const options = { onSuccess: close };
    if (action.kind === 'restore') restore.mutate({ item, versionId: action.version.versionId }, options);
    else remove.mutate({ item, versionId: action.version.versionId, permanent: true, bypassGovernance: bypass }, options);
  };
  const mutation = action?.kind === 'restore' ? restore : remove;

  return (
    <SectionFrame title="Versions">
      <SectionBody
        section={data.versions}
        render={(v) => (
          <table aria-label="Versions" className="versions">
            <thead>
              <tr>
                <th scope="col">Version</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {v.versions.map((ver) => {
                const when = formatDate(ver.lastModified);
                return (
                  <tr key={ver.versionId} aria-current={ver.isLatest ? 'true' : undefined}>
                    <td title={ver.versionId}>
                      <span className="version-date">{when}</span>
                      <span className="muted version-meta">
                        {ver.deleteMarker ? 'Delete marker' : formatBytes(ver.size)} · <code>{short(ver.versionId)}</code>
                        {ver.isLatest && <span className="badge">current</span>}
                      </span>
                    </td>
                    <td className="row-action">
                      <div className="version-actions">
                        {!ver.deleteMarker && (
                          <button
                            type="button"
                            className="small"
                            aria-label={`Download version of ${when}`}
                            onClick={() => void download(ver)}
                          >
                            Download
                          </button>
                        )}
                        {!ver.deleteMarker && !ver.isLatest && (
                          <button
                            type="button"
                            className="small"
                            aria-label={`Restore version of ${when}`}
                            onClick={() => (restore.reset(), setAction({ kind: 'restore', version: ver }))}
                          >
                            Restore
                          </button>
                        )}
                        <button
                          type="button"
                          className="small danger"
                          aria-label={`Delete version of ${when}`}
                          onClick={() => (remove.reset(), setAction({ kind: 'delete', version: ver }))}
                        >
                          Delete
                        </button>
                      </div>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      />
      {linkError && (
        <p role="alert" className="inline-error">
          {linkError}
        </p>
      )}
      {action && (
        <Modal title={action.kind === 'restore' ? 'Restore this version?' : 'Delete this version permanently?'} onClose={close}>
          <p>
            {action.kind === 'restore'
              ? `The version of ${formatDate(action.version.lastModified)} (${formatBytes(action.version.size)}) is copied over the current one and checked. The current version stays in the list.`
              : `The version of ${formatDate(action.version.lastModified)} is deleted permanently. It cannot be recovered; the other versions stay.`}
          </p>
          {action.kind === 'delete' && governed && (
            <label className="checkbox">
              <input type="checkbox" checked={bypass} onChange={(e) => setBypass(e.target.checked)} />
              Bypass governance retention (needs the permission to do so)
            </label>
          )}
          {mutation.error !== null && (
            <p role="alert" className="inline-error">
              {errorMessage(mutation.error)}
            </p>
          )}
          <div className="dialog-buttons">
            <button type="button" onClick={close}>
              Cancel
            </button>
            <button
              type="button"
              className={action.kind === 'delete' ? 'danger' : 'primary'}
              disabled={mutation.isPending}
              onClick={confirm}
            >
              {action.kind === 'restore' ? 'Restore' : 'Delete permanently'}
            </button>
          </div>
        </Modal>
      )}
    </SectionFrame>
  );
}
