/** The inspector's sections that only show: General, checksums, encryption and access. */
import { useState } from 'react';
import type { ObjectInspection } from '../../../../app/api/inspect-types';
import { formatBytes, formatDate } from '../../format';
import { KeyValueTable, SectionBody, SectionFrame } from './SectionFrame';

function CopyKeyButton({ text }: { text: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      className="small"
      onClick={() => void navigator.clipboard?.writeText(text).then(() => setCopied(true))}
      aria-label="Copy key"
    >
      {copied ? 'Copied' : 'Copy'}
    </button>
  );
}

function etagText(g: ObjectInspection['general']): string {
  if (g.etagKind === 'md5') return 'MD5 of the bytes';
  if (g.etagKind === 'multipart') return `Multipart upload, ${g.partCount} parts (not an MD5 of the bytes)`;
  if (g.etagKind === 'other') return 'Not an MD5 (encrypted or provider-specific)';
  return '';
}

export function GeneralSection({ data }: { data: ObjectInspection }) {
  const g = data.general;
  const restore = g.restore
    ? g.restore.ongoing
      ? 'Restore in progress'
      : `Restored copy available${g.restore.expiry ? ` until ${formatDate(g.restore.expiry)}` : ''}`
    : g.archived
      ? 'Archived: restore before reading'
      : undefined;
  return (
    <SectionFrame title="General">
      <KeyValueTable
        caption="Properties"
        rows={[
          [
            'Key',
            <span className="with-action" key="k">
              <code>{g.key}</code> <CopyKeyButton text={g.key} />
            </span>,
          ],
          ['Size', `${formatBytes(g.size)} (${g.size.toLocaleString()} bytes)`],
          ['Last modified', formatDate(g.lastModified)],
          ['ETag', g.etag ? `${g.etag} — ${etagText(g)}` : ''],
          ['Storage class', restore ? `${g.storageClass} — ${restore}` : g.storageClass],
          ['Content type', g.contentType ?? ''],
          ['Version ID', g.versionId ?? 'None (not versioned)'],
        ]}
      />
    </SectionFrame>
  );
}

export function ChecksumsSection({ data }: { data: ObjectInspection }) {
  return (
    <SectionFrame title="Checksums">
      <SectionBody
        section={data.checksums}
        render={(c) => (
          <KeyValueTable
            caption="Checksums"
            empty="The server keeps no checksum for this object."
            rows={[
              ...c.values.map((v): [string, string] => [v.algorithm, v.value]),
              ...(c.type ? [['Type', c.type] as [string, string]] : []),
            ]}
          />
        )}
      />
    </SectionFrame>
  );
}

const ENCRYPTION_TEXT = {
  none: 'Not encrypted by the server',
  'SSE-S3': 'SSE-S3 (keys managed by the storage service)',
  'SSE-KMS': 'SSE-KMS (a key in the key management service)',
  'SSE-C': 'SSE-C: encrypted with a key the uploader holds; the bytes cannot be read without that key',
  other: 'Encrypted',
};

export function EncryptionSection({ data }: { data: ObjectInspection }) {
  return (
    <SectionFrame title="Encryption">
      <SectionBody
        section={data.encryption}
        render={(e) => (
          <KeyValueTable
            caption="Encryption"
            rows={[
              ['Server-side encryption', ENCRYPTION_TEXT[e.kind]],
              ...(e.algorithm ? [['Algorithm', e.algorithm] as [string, string]] : []),
              ...(e.kmsKeyId ? [['KMS key ID', e.kmsKeyId] as [string, string]] : []),
              ...(e.bucketKey ? [['Bucket key', 'Enabled'] as [string, string]] : []),
              ...(e.customerKeyMd5 ? [['Customer key MD5', e.customerKeyMd5] as [string, string]] : []),
              [
                'Bucket default',
                e.bucketDefault.state === 'ok'
                  ? `${e.bucketDefault.value.algorithm}${e.bucketDefault.value.kmsKeyId ? ` (${e.bucketDefault.value.kmsKeyId})` : ''}`
                  : e.bucketDefault.message,
              ],
            ]}
          />
        )}
      />
    </SectionFrame>
  );
}

export function AccessSection({ data }: { data: ObjectInspection }) {
  return (
    <SectionFrame title="Access">
      <SectionBody
        section={data.access}
        render={(a) => (
          <>
            <p className={a.publicRead === true ? 'public-warning' : 'muted'}>
              {a.publicRead === true
                ? 'Anyone on the internet can read this object.'
                : a.publicRead === false
                  ? 'Not publicly readable.'
                  : 'Whether anyone can read it could not be told here.'}
            </p>
            <SectionBody
              section={a.grants}
              render={(grants) => (
                <KeyValueTable
                  caption="Access control list"
                  rows={grants.map((g): [string, string] => [g.grantee === '?' ? '(owner)' : g.grantee, g.permission || '(unspecified)'])}
                />
              )}
            />
          </>
        )}
      />
    </SectionFrame>
  );
}
