/**
 * "New bucket": a name (S3's naming rules are checked by the core before any
 * request, and a broken rule comes back here, beside the field), the region
 * where the provider has a list of them, and versioning or object lock where
 * the connection says the provider supports them.
 */
import { useState } from 'react';
import type { ConnectionSummary } from '../../../../app/api/types';
import { useProviders } from '../connections/connection-queries';
import { DialogButtons, errorMessage, ManageDialog } from './ManageDialog';
import { useCreateBucket } from './use-manage';

interface Props {
  connection: ConnectionSummary;
  onClose(): void;
  onCreated(bucket: string): void;
}

export function NewBucketDialog({ connection, onClose, onCreated }: Props) {
  const providers = useProviders();
  const regions = providers.data?.find((p) => p.id === connection.providerId)?.regions ?? [];
  const [name, setName] = useState('');
  const [region, setRegion] = useState(connection.region);
  const [versioning, setVersioning] = useState(false);
  const [objectLock, setObjectLock] = useState(false);
  const create = useCreateBucket();
  const features = connection.features;
  const offerRegions = regions.length > 1;

  const submit = () =>
    create.mutate(
      {
        connectionId: connection.id,
        name: name.trim(),
        ...(offerRegions ? { region } : {}),
        ...(versioning ? { versioning } : {}),
        ...(objectLock ? { objectLock } : {}),
      },
      { onSuccess: (out) => onCreated(out.bucket) },
    );

  return (
    <ManageDialog title={`New bucket on ${connection.label}`} onClose={onClose} onSubmit={submit}>
      <label>
        Bucket name
        <input
          data-autofocus
          value={name}
          onChange={(e) => setName(e.target.value)}
          spellCheck={false}
          autoCapitalize="off"
          aria-invalid={create.isError}
          aria-errormessage={create.isError ? 'new-bucket-error' : undefined}
        />
      </label>
      <p className="muted field-hint">3–63 characters: lowercase letters, digits, dots and hyphens.</p>
      {offerRegions && (
        <label>
          Region
          <select value={region} onChange={(e) => setRegion(e.target.value)}>
            {regions.map((r) => (
              <option key={r.id} value={r.id}>
                {r.label === r.id ? r.id : `${r.label} (${r.id})`}
              </option>
            ))}
          </select>
        </label>
      )}
      {features?.versioning !== false && (
        <label className="checkbox">
          <input
            type="checkbox"
            checked={versioning || objectLock}
            disabled={objectLock}
            onChange={(e) => setVersioning(e.target.checked)}
          />
          Keep versions of every object
        </label>
      )}
      {features?.objectLock !== false && (
        <label className="checkbox">
          <input type="checkbox" checked={objectLock} onChange={(e) => setObjectLock(e.target.checked)} />
          Object lock (write once, read many; turns versioning on)
        </label>
      )}
      {create.isError && (
        <p id="new-bucket-error" role="alert" className="form-error">
          {errorMessage(create.error)}
        </p>
      )}
      <DialogButtons action="Create" busy={create.isPending} onCancel={onClose} />
    </ManageDialog>
  );
}
