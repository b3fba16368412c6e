/** Everything an S3 object carries, section by section; a section the provider lacks says so and the rest still show. */
import type { S3ItemRef } from '../../../../app/api/inspect-types';
import { visibleName } from '../../format';
import { errorMessage } from './DiffDialog';
import { HeadersAndMetadata } from './EditAttributes';
import { PresignSection } from './PresignSection';
import { LockSection } from './LockSection';
import { AccessSection, ChecksumsSection, EncryptionSection, GeneralSection } from './ReadSections';
import { TagsSection } from './TagsSection';
import { useInspection } from './use-inspection';
import { VersionsSection } from './VersionsSection';
import './inspector.css';

export function ObjectInspector({ item }: { item: S3ItemRef }) {
  const inspection = useInspection(item);
  if (inspection.isPending) return <p className="muted">Loading…</p>;
  if (inspection.isError) {
    return (
      <p role="alert" className="inline-error">
        {errorMessage(inspection.error)}
      </p>
    );
  }
  const data = inspection.data;
  return (
    <div className="object-inspector">
      <p className="inspector-title">{visibleName(item.key.slice(item.key.lastIndexOf('/') + 1) || item.key)}</p>
      <GeneralSection data={data} />
      <HeadersAndMetadata data={data} />
      <TagsSection data={data} />
      <ChecksumsSection data={data} />
      <EncryptionSection data={data} />
      <LockSection data={data} />
      <AccessSection data={data} />
      <VersionsSection data={data} />
      <PresignSection data={data} />
    </div>
  );
}
