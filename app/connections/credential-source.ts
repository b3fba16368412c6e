/**
 * Resolves a profile's credentials when a request needs them. Typed keys come
 * from the secret store; an AWS profile is resolved by the SDK for exactly
 * the profile the user picked (never the default, never AWS_PROFILE); the
 * environment means Ferry's own process environment. Every failure names its
 * source, so the user knows which profile or variable to fix.
 */
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@aws-sdk/types';
import { FerryError } from '../api/errors.js';
import { sdkCredentialProviders } from '../sdk/load-sdk.js';
import { findPreset } from '../providers/presets.js';
import type { SecretRecord } from '../secrets/secret-types.js';
import { defaultAwsFiles } from './aws-shared-config.js';
import type { StoredProfile } from './profile-types.js';

export type SecretLookup = (profile: StoredProfile) => SecretRecord | undefined;

export function describeSource(profile: StoredProfile): string {
  switch (profile.credentialSource) {
    case 'keys':
      return `access key ${profile.accessKeyId}`;
    case 'aws-profile':
      return `AWS profile "${profile.awsProfile ?? ''}"`;
    case 'env':
      return 'the environment variables AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY';
    default: {
      const unknown: never = profile.credentialSource;
      throw new Error(`unknown credential source ${String(unknown)}`);
    }
  }
}

function unavailable(profile: StoredProfile, err: unknown): FerryError {
  if (err instanceof FerryError) return err;
  const message = err instanceof Error ? err.message : String(err);
  const expired = /expired|refresh|sso login/i.test(message);
  return new FerryError('invalid-credentials', `Ferry could not get credentials from ${describeSource(profile)}: ${message}`, {
    details: { reason: expired ? 'expired-token' : 'credentials-unavailable', source: profile.credentialSource },
    cause: err,
  });
}

export function credentialProvider(
  profile: StoredProfile,
  secrets: SecretLookup,
  remember: (secret: string) => void,
): AwsCredentialIdentityProvider {
  const seen = (identity: AwsCredentialIdentity): AwsCredentialIdentity => {
    remember(identity.secretAccessKey);
    if (identity.sessionToken) remember(identity.sessionToken);
    return identity;
  };
  switch (profile.credentialSource) {
    case 'keys':
      return async () => {
        const record = secrets(profile);
        if (!record) throw missingSecret(profile);
        return {
          accessKeyId: profile.accessKeyId,
          secretAccessKey: record.secretAccessKey,
          ...(record.sessionToken ? { sessionToken: record.sessionToken } : {}),
        };
      };
    case 'aws-profile': {
      const files = defaultAwsFiles();
      const preset = findPreset(profile.providerId);
      // MinIO and Ceph issue temporary credentials themselves; AWS profiles elsewhere ask AWS STS.
      const stsHere = preset?.quirks.includes('sts-on-endpoint') === true;
      const inner = sdkCredentialProviders().fromIni({
        profile: profile.awsProfile ?? '',
        filepath: profile.awsCredentialsFile ?? files.credentialsFile,
        configFilepath: profile.awsConfigFile ?? files.configFile,
        ignoreCache: true,
        ...(stsHere ? { clientConfig: { endpoint: profile.endpoint, region: profile.region } } : {}),
      });
      return async () => {
        try {
          return seen(await inner());
        } catch (err) {
          throw unavailable(profile, err);
        }
      };
    }
    case 'env': {
      const inner = sdkCredentialProviders().fromEnv();
      return async () => {
        try {
          return seen(await inner());
        } catch (err) {
          throw unavailable(
            profile,
            new Error('AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not both set in the environment Ferry was started from.', {
              cause: err,
            }),
          );
        }
      };
    }
    default: {
      const unknown: never = profile.credentialSource;
      throw new Error(`unknown credential source ${String(unknown)}`);
    }
  }
}

function missingSecret(profile: StoredProfile): FerryError {
  return new FerryError('invalid-credentials', `No secret key is known for "${profile.label}". Edit the connection to enter it again.`, {
    details: { reason: 'credentials-missing', connectionId: profile.id },
  });
}
