/** Where the keys come from: typed keys, an AWS shared-config profile (named, never guessed), or the environment. */
import type { CredentialSource } from '../../../../app/api/types';
import type { FormState } from './connection-draft';
import { useAwsProfiles } from './connection-queries';

interface Props {
  form: FormState;
  editing: boolean;
  /** The stored secret is there to keep, so the field may stay empty. */
  hasStoredSecret: boolean;
  set(change: Partial<FormState>): void;
  fieldProps(name: string): { name: string; 'aria-invalid'?: true; 'aria-describedby'?: string };
}

const SOURCES: [CredentialSource, string][] = [
  ['keys', 'Access keys'],
  ['aws-profile', 'AWS profile'],
  ['env', 'Environment variables'],
];

export function CredentialFields({ form, editing, hasStoredSecret, set, fieldProps }: Props) {
  const profiles = useAwsProfiles(form.credentialSource === 'aws-profile');
  const chosen = profiles.data?.find((p) => p.name === form.awsProfile);
  return (
    <fieldset className="credential-source">
      <legend>Credentials</legend>
      <div className="radio-row">
        {SOURCES.map(([value, label]) => (
          <label key={value} className="checkbox">
            <input
              type="radio"
              name="credentialSource"
              value={value}
              checked={form.credentialSource === value}
              onChange={() => set({ credentialSource: value })}
            />
            {label}
          </label>
        ))}
      </div>
      {form.credentialSource === 'keys' && (
        <>
          <label>
            Access key ID
            <input
              {...fieldProps('accessKeyId')}
              value={form.accessKeyId}
              onChange={(e) => set({ accessKeyId: e.target.value })}
              required
              autoComplete="off"
              spellCheck={false}
            />
          </label>
          <label>
            Secret access key
            <input
              {...fieldProps('secretAccessKey')}
              type="password"
              value={form.secretAccessKey}
              onChange={(e) => set({ secretAccessKey: e.target.value })}
              required={!(editing && hasStoredSecret)}
              autoComplete="off"
              placeholder={editing && hasStoredSecret ? 'Stored: leave empty to keep it' : ''}
            />
          </label>
          <label>
            Session token (temporary keys only)
            <input type="password" value={form.sessionToken} onChange={(e) => set({ sessionToken: e.target.value })} autoComplete="off" />
          </label>
        </>
      )}
      {form.credentialSource === 'aws-profile' && (
        <>
          <label>
            AWS profile
            <select {...fieldProps('awsProfile')} value={form.awsProfile} onChange={(e) => set({ awsProfile: e.target.value })} required>
              <option value="">Choose a profile…</option>
              {(profiles.data ?? []).map((p) => (
                <option key={p.name} value={p.name}>
                  {p.name} ({p.kind})
                </option>
              ))}
            </select>
          </label>
          {profiles.isError && (
            <p role="alert" className="form-error">
              {profiles.error.message}
            </p>
          )}
          {profiles.data?.length === 0 && <p className="muted">No profiles in ~/.aws/config or ~/.aws/credentials.</p>}
          {chosen && (
            <p className="muted">
              Ferry uses exactly this profile: {describeProfile(chosen.kind, chosen.sourceProfile, chosen.ssoStartUrl)}
              {chosen.region ? `, region ${chosen.region}` : ''}.
            </p>
          )}
        </>
      )}
      {form.credentialSource === 'env' && (
        <p className="muted">
          Uses AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN from the environment Ferry was started in.
        </p>
      )}
    </fieldset>
  );
}

function describeProfile(kind: string, source: string | undefined, ssoUrl: string | undefined): string {
  switch (kind) {
    case 'assume-role':
      return `assumes a role with the keys of profile "${source ?? ''}"`;
    case 'sso':
      return `single sign-on through ${ssoUrl ?? 'AWS IAM Identity Center'} (run aws sso login when it expires)`;
    case 'static':
      return 'its stored keys';
    default:
      return `a ${kind} profile`;
  }
}
