/**
 * Everything one object carries, for the inspector: one HEAD (with checksum
 * mode where the connection sends checksum headers) for General, HTTP
 * headers and user metadata, then the other sections side by side. Only the
 * HEAD may fail the whole call (the object is gone, the key may not read
 * it); every other section carries its own reason.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import type { ConnectionSummary, ProviderFeatures } from '../api/connection-types.js';
import type { ObjectInspection, S3ItemRef } from '../api/inspect-types.js';
import { FULL_FEATURES } from '../providers/define-preset.js';
import { generalSection, headersSection, metadataBytes } from './general.js';
import { headWithRawHeaders, type FullHead } from './head-reader.js';
import { accessSection, checksumsSection, encryptionSection, lockSection, tagsSection, versionsSection } from './sections.js';
import { sectionFromError } from './section.js';

export function featuresOf(summary: ConnectionSummary): ProviderFeatures {
  return summary.features ?? FULL_FEATURES;
}

export async function inspectObject(client: S3Client, summary: ConnectionSummary, item: S3ItemRef): Promise<ObjectInspection> {
  const features = featuresOf(summary);
  const checksumsSent = summary.checksumMode !== 'off';
  let head: FullHead;
  let checksumHead: FullHead | undefined;
  if (checksumsSent) {
    try {
      head = await headWithRawHeaders(client, item, { checksums: true });
      checksumHead = head;
    } catch (err) {
      // A server that refuses the checksum-mode header still answers a plain HEAD; one that lost the object does not.
      if (sectionFromError(err, 'object').state !== 'not-supported') throw err;
      head = await headWithRawHeaders(client, item);
    }
  } else {
    head = await headWithRawHeaders(client, item);
  }
  const [tags, encryption, lock, access, versions] = await Promise.all([
    tagsSection(client, item, features),
    encryptionSection(client, item, head),
    lockSection(client, item, features),
    accessSection(client, item, features),
    versionsSection(client, item, features),
  ]);
  const metadata = { ...(head.out.Metadata ?? {}) };
  return {
    item,
    general: generalSection(item.key, head),
    headers: headersSection(head),
    metadata,
    metadataBytes: metadataBytes(metadata),
    tags,
    checksums: checksumsSection(checksumHead, checksumsSent),
    encryption,
    lock,
    access,
    versions,
  };
}
