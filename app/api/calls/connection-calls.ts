import { z } from 'zod';
import type { AwsProfileInfo, ConnectionSummary, DiagnosticReport, ProviderInfo, RcloneRemoteInfo, SecretStoreStatus } from '../types.js';
import { call } from '../define-call.js';
import { absolutePath, idSchema, noArgs } from '../schemas.js';

const bucketName = z
  .string()
  .trim()
  .min(1)
  .max(255)
  .refine((b) => !b.includes('/'), { message: 'a bucket name cannot contain "/"' });

const fieldValue = z.string().trim().max(200).optional();

/**
 * The dialog's proxy section. The password is write-only like the secret key:
 * empty keeps the stored one unless `clearPassword` is set.
 */
export const proxyDraftSchema = z
  .object({
    mode: z.enum(['system', 'none', 'custom']).default('system'),
    url: z.string().trim().max(2048).default(''),
    username: z.string().max(256).default(''),
    password: z.string().max(1024).default(''),
    clearPassword: z.boolean().default(false),
  })
  .strict();

/**
 * A connection as the dialog describes it. Only the provider's fields
 * matter; the core fills the endpoint from the preset's template when none is
 * typed. The secret is write-only: it never comes back in any answer.
 */
export const connectionDraftSchema = z
  .object({
    label: z.string().trim().min(1, 'give the connection a name').max(100),
    providerId: z.string().trim().min(1).max(40).default('other'),
    endpoint: z.string().trim().max(2048).default(''),
    /** Ignored for providers whose region is not the user's to choose (R2, Tigris, GCS...). */
    region: z.string().trim().max(64).default('us-east-1'),
    pathStyle: z.boolean().optional(),
    accountId: fieldValue,
    location: fieldValue,
    namespace: fieldValue,
    credentialSource: z.enum(['keys', 'aws-profile', 'env']).default('keys'),
    accessKeyId: z.string().trim().max(256).default(''),
    /** Empty when editing means: keep the stored secret. */
    secretAccessKey: z.string().max(1024).default(''),
    sessionToken: z.string().max(8192).optional(),
    awsProfile: z.string().trim().max(128).optional(),
    awsConfigFile: absolutePath.optional(),
    awsCredentialsFile: absolutePath.optional(),
    caFile: absolutePath.optional(),
    buckets: z.array(bucketName).max(100).optional(),
    /** Absent keeps a saved connection's proxy as it is (and means 'system' for a new one). */
    proxy: proxyDraftSchema.optional(),
  })
  .strict();

/** The first connection shape, still accepted: it is a draft for "Other S3-compatible". */
export const newConnectionSchema = connectionDraftSchema;

const passphrase = z.string().min(1, 'enter the passphrase').max(1024);

export const connectionCalls = {
  'connections.list': call<ConnectionSummary[]>()(noArgs),
  'connections.providers': call<ProviderInfo[]>()(noArgs),
  'connections.add': call<ConnectionSummary>()(connectionDraftSchema),
  'connections.update': call<ConnectionSummary>()(connectionDraftSchema.extend({ id: idSchema }).strict()),
  'connections.duplicate': call<ConnectionSummary>()(z.object({ id: idSchema }).strict()),
  'connections.remove': call<{ removed: boolean }>()(z.object({ id: idSchema }).strict()),
  'connections.reorder': call<ConnectionSummary[]>()(z.object({ ids: z.array(idSchema).max(1000) }).strict()),
  /** Runs the diagnostics on a saved connection (id), on a draft, or on a draft editing a saved one (both). */
  'connections.test': call<DiagnosticReport>()(
    z
      .object({ id: idSchema.optional(), draft: connectionDraftSchema.optional(), bucket: bucketName.optional() })
      .strict()
      .refine((a) => a.id !== undefined || a.draft !== undefined, { message: 'give a connection id or a draft' }),
  ),
  'connections.awsProfiles': call<AwsProfileInfo[]>()(
    z.object({ configFile: absolutePath.optional(), credentialsFile: absolutePath.optional() }).strict(),
  ),
  'connections.rcloneRemotes': call<RcloneRemoteInfo[]>()(z.object({ path: absolutePath.optional() }).strict()),
  'connections.importRclone': call<ConnectionSummary[]>()(
    z.object({ path: absolutePath.optional(), names: z.array(z.string().min(1).max(200)).min(1).max(200) }).strict(),
  ),
  'secrets.status': call<SecretStoreStatus>()(noArgs),
  'secrets.createVault': call<SecretStoreStatus>()(z.object({ passphrase }).strict()),
  'secrets.unlock': call<SecretStoreStatus>()(z.object({ passphrase }).strict()),
  'secrets.lock': call<SecretStoreStatus>()(noArgs),
  'secrets.useSessionOnly': call<SecretStoreStatus>()(noArgs),
} as const;

export interface ConnectionEvents {
  'connections.changed': ConnectionSummary[];
  'secrets.changed': SecretStoreStatus;
}
