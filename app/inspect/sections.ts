/**
 * The inspector's sections that need requests of their own besides the HEAD:
 * tags, checksums, encryption, object lock, access and versions. Each asks
 * only where the connection's features allow, and turns a refusal into the
 * section's reason (see section.ts).
 */
import {
  GetBucketEncryptionCommand,
  GetBucketPolicyStatusCommand,
  GetBucketVersioningCommand,
  GetObjectAclCommand,
  GetObjectLegalHoldCommand,
  GetObjectLockConfigurationCommand,
  GetObjectRetentionCommand,
  GetObjectTaggingCommand,
  ListObjectVersionsCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import type { ProviderFeatures } from '../api/connection-types.js';
import type {
  AccessSection,
  ChecksumAlgorithm,
  ChecksumsSection,
  EncryptionSection,
  Grant,
  LockSection,
  ObjectVersion,
  RetentionMode,
  S3ItemRef,
  Section,
  Tag,
  VersionsSection,
} from '../api/inspect-types.js';
import type { FullHead } from './head-reader.js';
import { ok, readSection, unavailable } from './section.js';

const notSupported = <T>(what: string): Section<T> => unavailable('not-supported', `Not supported by this provider: it has no ${what}.`);

export async function tagsSection(client: S3Client, item: S3ItemRef, features: ProviderFeatures): Promise<Section<Tag[]>> {
  if (!features.tagging) return notSupported('object tags');
  return readSection('tags', async () => {
    const out = await client.send(new GetObjectTaggingCommand({ Bucket: item.bucket, Key: item.key }));
    return (out.TagSet ?? []).map((t) => ({ key: t.Key ?? '', value: t.Value ?? '' }));
  });
}

const CHECKSUM_HEADERS: [ChecksumAlgorithm, string][] = [
  ['CRC32', 'x-amz-checksum-crc32'],
  ['CRC32C', 'x-amz-checksum-crc32c'],
  ['CRC64NVME', 'x-amz-checksum-crc64nvme'],
  ['SHA1', 'x-amz-checksum-sha1'],
  ['SHA256', 'x-amz-checksum-sha256'],
];

/** From a HEAD sent with checksum mode; `supported` is false where the connection strips checksum headers. */
export function checksumsSection(head: FullHead | undefined, supported: boolean): Section<ChecksumsSection> {
  if (!supported) return notSupported('checksum headers (Ferry sends none to it)');
  if (!head) return unavailable('not-supported', 'Not supported by this provider: a HEAD asking for checksums was refused.');
  const values = CHECKSUM_HEADERS.flatMap(([algorithm, header]) => {
    const value = head.raw[header];
    return value ? [{ algorithm, value }] : [];
  });
  const type = head.raw['x-amz-checksum-type'];
  return ok({ values, ...(type ? { type } : {}) });
}

function encryptionKind(algorithm: string | undefined, customer: string | undefined): EncryptionSection['kind'] {
  if (customer) return 'SSE-C';
  if (!algorithm) return 'none';
  if (algorithm === 'AES256') return 'SSE-S3';
  if (algorithm.startsWith('aws:kms')) return 'SSE-KMS';
  return 'other';
}

export async function encryptionSection(client: S3Client, item: S3ItemRef, { out, raw }: FullHead): Promise<Section<EncryptionSection>> {
  const algorithm = out.ServerSideEncryption ?? raw['x-amz-server-side-encryption'];
  const customer = out.SSECustomerAlgorithm ?? raw['x-amz-server-side-encryption-customer-algorithm'];
  const keyMd5 = out.SSECustomerKeyMD5 ?? raw['x-amz-server-side-encryption-customer-key-md5'];
  const kmsKeyId = out.SSEKMSKeyId ?? raw['x-amz-server-side-encryption-aws-kms-key-id'];
  const bucketDefault = await readSection(
    'bucket encryption',
    async () => {
      const cfg = await client.send(new GetBucketEncryptionCommand({ Bucket: item.bucket }));
      const rule = cfg.ServerSideEncryptionConfiguration?.Rules?.[0]?.ApplyServerSideEncryptionByDefault;
      if (!rule?.SSEAlgorithm) throw Object.assign(new Error('no default'), { name: 'ServerSideEncryptionConfigurationNotFoundError' });
      return { algorithm: rule.SSEAlgorithm, ...(rule.KMSMasterKeyID ? { kmsKeyId: rule.KMSMasterKeyID } : {}) };
    },
    (name) =>
      /ServerSideEncryptionConfigurationNotFound|NoSuchEncryptionConfiguration/i.test(name)
        ? unavailable('not-available', 'The bucket has no default encryption.')
        : undefined,
  );
  return ok({
    kind: encryptionKind(algorithm, customer),
    ...(algorithm ? { algorithm } : customer ? { algorithm: customer } : {}),
    ...(kmsKeyId ? { kmsKeyId } : {}),
    ...(out.BucketKeyEnabled ? { bucketKey: true } : {}),
    ...(keyMd5 ? { customerKeyMd5: keyMd5 } : {}),
    bucketDefault,
  });
}

function isRetentionMode(mode: string | undefined): mode is RetentionMode {
  return mode === 'GOVERNANCE' || mode === 'COMPLIANCE';
}

export async function lockSection(client: S3Client, item: S3ItemRef, features: ProviderFeatures): Promise<Section<LockSection>> {
  if (!features.objectLock) return notSupported('object lock');
  const config = await readSection(
    'object lock configuration',
    async () => (await client.send(new GetObjectLockConfigurationCommand({ Bucket: item.bucket }))).ObjectLockConfiguration,
    (name) =>
      /ObjectLockConfigurationNotFound/i.test(name)
        ? unavailable('not-available', 'The bucket does not have object lock enabled.')
        : undefined,
  );
  if (config.state !== 'ok') return config;
  if (config.value?.ObjectLockEnabled !== 'Enabled') return unavailable('not-available', 'The bucket does not have object lock enabled.');
  const rule = config.value.Rule?.DefaultRetention;
  const lock: LockSection = {
    legalHold: false,
    ...(rule && isRetentionMode(rule.Mode)
      ? { bucketDefault: { mode: rule.Mode, ...(rule.Days ? { days: rule.Days } : {}), ...(rule.Years ? { years: rule.Years } : {}) } }
      : {}),
  };
  // An object without retention or a hold answers with an error named for what is missing, not a failure.
  const retention = await readSection(
    'retention',
    async () => {
      const out = await client.send(new GetObjectRetentionCommand({ Bucket: item.bucket, Key: item.key }));
      return out.Retention;
    },
    (name) => (/NoSuchObjectLockConfiguration|ObjectLockConfigurationNotFound/i.test(name) ? ok(undefined) : undefined),
  );
  if (retention.state === 'ok' && retention.value && isRetentionMode(retention.value.Mode) && retention.value.RetainUntilDate) {
    lock.retention = { mode: retention.value.Mode, until: new Date(retention.value.RetainUntilDate).toISOString() };
  } else if (retention.state !== 'ok') return retention;
  const hold = await readSection(
    'legal hold',
    async () => {
      const out = await client.send(new GetObjectLegalHoldCommand({ Bucket: item.bucket, Key: item.key }));
      return out.LegalHold?.Status === 'ON';
    },
    (name) => (/NoSuchObjectLockConfiguration|ObjectLockConfigurationNotFound/i.test(name) ? ok(false) : undefined),
  );
  if (hold.state !== 'ok') return hold;
  lock.legalHold = hold.value;
  return ok(lock);
}

const GROUPS: Record<string, string> = {
  'http://acs.amazonaws.com/groups/global/AllUsers': 'AllUsers',
  'http://acs.amazonaws.com/groups/global/AuthenticatedUsers': 'AuthenticatedUsers',
  'http://acs.amazonaws.com/groups/s3/LogDelivery': 'LogDelivery',
};

export async function accessSection(client: S3Client, item: S3ItemRef, features: ProviderFeatures): Promise<Section<AccessSection>> {
  let owner: string | undefined;
  const grants: Section<Grant[]> = features.acls
    ? await readSection('access control list', async () => {
        const out = await client.send(new GetObjectAclCommand({ Bucket: item.bucket, Key: item.key }));
        owner = out.Owner?.DisplayName || out.Owner?.ID || undefined;
        return (out.Grants ?? []).map((g): Grant => {
          const who = g.Grantee;
          if (who?.URI) return { grantee: GROUPS[who.URI] ?? who.URI, granteeType: 'group', permission: g.Permission ?? '' };
          if (who?.EmailAddress) return { grantee: who.EmailAddress, granteeType: 'email', permission: g.Permission ?? '' };
          return { grantee: who?.DisplayName || who?.ID || '?', granteeType: 'user', permission: g.Permission ?? '' };
        });
      })
    : notSupported('access control lists');
  const bucketPolicyPublic = await readSection(
    'bucket policy status',
    async () => (await client.send(new GetBucketPolicyStatusCommand({ Bucket: item.bucket }))).PolicyStatus?.IsPublic === true,
    (name) => (/NoSuchBucketPolicy/i.test(name) ? ok(false) : undefined),
  );
  const aclPublic =
    grants.state === 'ok'
      ? grants.value.some(
          (g) =>
            g.granteeType === 'group' && g.grantee === 'AllUsers' && /READ|FULL_CONTROL/.test(g.permission) && g.permission !== 'READ_ACP',
        )
      : undefined;
  const publicRead: AccessSection['publicRead'] =
    aclPublic === true || (bucketPolicyPublic.state === 'ok' && bucketPolicyPublic.value)
      ? true
      : aclPublic === false && bucketPolicyPublic.state === 'ok'
        ? false
        : 'unknown';
  if (grants.state !== 'ok' && bucketPolicyPublic.state !== 'ok' && !features.acls) {
    return unavailable('not-supported', 'Not supported by this provider: it has neither object ACLs nor a bucket policy status.');
  }
  return ok({ ...(owner ? { owner } : {}), grants, publicRead, bucketPolicyPublic });
}

export async function bucketVersioning(client: S3Client, bucket: string): Promise<Section<VersionsSection['bucketVersioning']>> {
  return readSection('bucket versioning', async () => {
    const out = await client.send(new GetBucketVersioningCommand({ Bucket: bucket }));
    return out.Status === 'Enabled' ? 'enabled' : out.Status === 'Suspended' ? 'suspended' : 'off';
  });
}

/** Every version and delete marker of exactly this key (the listing's prefix also matches longer keys). */
export async function listKeyVersions(client: S3Client, item: S3ItemRef): Promise<ObjectVersion[]> {
  const versions: ObjectVersion[] = [];
  let keyMarker: string | undefined;
  let versionIdMarker: string | undefined;
  for (;;) {
    const out = await client.send(
      new ListObjectVersionsCommand({
        Bucket: item.bucket,
        Prefix: item.key,
        ...(keyMarker ? { KeyMarker: keyMarker } : {}),
        ...(versionIdMarker ? { VersionIdMarker: versionIdMarker } : {}),
      }),
    );
    for (const v of out.Versions ?? []) {
      if (v.Key !== item.key) continue;
      versions.push({
        versionId: v.VersionId ?? 'null',
        isLatest: v.IsLatest === true,
        deleteMarker: false,
        ...(v.Size !== undefined ? { size: v.Size } : {}),
        ...(v.LastModified ? { lastModified: v.LastModified.toISOString() } : {}),
        ...(v.ETag ? { etag: v.ETag } : {}),
        ...(v.StorageClass ? { storageClass: v.StorageClass } : {}),
      });
    }
    for (const m of out.DeleteMarkers ?? []) {
      if (m.Key !== item.key) continue;
      versions.push({
        versionId: m.VersionId ?? 'null',
        isLatest: m.IsLatest === true,
        deleteMarker: true,
        ...(m.LastModified ? { lastModified: m.LastModified.toISOString() } : {}),
      });
    }
    if (out.IsTruncated !== true || (!out.NextKeyMarker && !out.NextVersionIdMarker)) break;
    // Past this key there is nothing of it left.
    if (out.NextKeyMarker && out.NextKeyMarker !== item.key) break;
    keyMarker = out.NextKeyMarker;
    versionIdMarker = out.NextVersionIdMarker;
  }
  versions.sort((a, b) => (b.lastModified ?? '').localeCompare(a.lastModified ?? '') || Number(b.isLatest) - Number(a.isLatest));
  return versions;
}

export async function versionsSection(client: S3Client, item: S3ItemRef, features: ProviderFeatures): Promise<Section<VersionsSection>> {
  if (!features.versioning) return notSupported('object versions');
  const status = await bucketVersioning(client, item.bucket);
  if (status.state !== 'ok') return status;
  if (status.value === 'off') return unavailable('not-available', 'The bucket does not keep versions (versioning is off).');
  return readSection('versions', async () => ({ bucketVersioning: status.value, versions: await listKeyVersions(client, item) }));
}
