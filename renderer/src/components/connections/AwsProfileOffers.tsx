/**
 * The AWS profiles found on this machine (~/.aws/config and credentials, or
 * the files AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE name), each one
 * click away from being a connection: the core adds it with the profile as
 * its credential source, its region and endpoint_url, and tests it. Only the
 * profile's name crosses to the core; its keys never reach the window.
 * Profiles already behind a connection are not offered again.
 */
import { useMutation, useMutationState, useQueryClient } from '@tanstack/react-query';
import type { AwsProfileInfo } from '../../../../app/api/types';
import { call, CallError } from '../../bridge/ferry-client';
import { queryKeys, useConnections } from '../../hooks/queries';
import { useAwsProfiles } from './connection-queries';
import { connectionRoot, requestOpen } from '../open-requests';

type Place = 'first-start' | 'add-connection';
const useKey = (place: Place) => ['connections.useAwsProfile', place] as const;

const KIND_WORDS: Record<AwsProfileInfo['kind'], string> = {
  static: 'access keys',
  'assume-role': 'assumed role',
  sso: 'SSO',
  process: 'credential process',
  'web-identity': 'web identity',
  unknown: 'credentials resolved by the SDK',
};

function describe(p: AwsProfileInfo): string {
  return [KIND_WORDS[p.kind], p.region ? `region ${p.region}` : '', p.endpointUrl ? `endpoint ${p.endpointUrl}` : '']
    .filter(Boolean)
    .join(', ');
}

/** A profile is being (or was) used from this window: the first-start panel stays to show how it went. */
export function useAwsProfileWasUsed(place: Place): boolean {
  return useMutationState({ filters: { mutationKey: useKey(place) } }).length > 0;
}

/** `onDone`: where the offers sit in a dialog, a way out once the connection is made. */
export function AwsProfileOffers({ place, onDone }: { place: Place; onDone?: () => void }) {
  const client = useQueryClient();
  const profiles = useAwsProfiles(true);
  const connections = useConnections();
  const use = useMutation({
    mutationKey: useKey(place),
    mutationFn: (name: string) => call('connections.useAwsProfile', { name }),
    onSettled: () => client.invalidateQueries({ queryKey: queryKeys.connections }),
    // The new connection opens in the active pane, tested or not: a failed test is easier to read beside its listing.
    onSuccess: (result) => requestOpen([connectionRoot(result.connection.id)]),
  });
  const inUse = new Set(
    (connections.data ?? []).flatMap((c) => (c.credentialSource === 'aws-profile' && c.awsProfile ? [c.awsProfile] : [])),
  );
  const offered = (profiles.data ?? []).filter((p) => !inUse.has(p.name));
  if (offered.length === 0 && use.isIdle) return null;
  const result = use.data;
  return (
    <div className="aws-profile-offers" role="group" aria-label="AWS profiles on this machine">
      {offered.length > 0 && (
        <>
          <p>AWS profiles on this machine, each one click from a connection:</p>
          <ul>
            {offered.map((p) => (
              <li key={p.name}>
                <button type="button" disabled={use.isPending} onClick={() => use.mutate(p.name)}>
                  Use AWS profile {p.name}
                </button>{' '}
                <span className="muted">{describe(p)}</span>
              </li>
            ))}
          </ul>
        </>
      )}
      {use.isPending && <p role="status">Adding AWS profile {use.variables} and testing it…</p>}
      {result &&
        (result.report.ok ? (
          <p role="status">
            Added “{result.connection.label}”: {result.report.message}{' '}
            {onDone && (
              <button type="button" className="link" onClick={onDone}>
                Close
              </button>
            )}
          </p>
        ) : (
          <p role="alert" className="inline-error">
            Added “{result.connection.label}”, but its test failed: {result.report.message} Edit it under Connections.
          </p>
        ))}
      {use.error && (
        <p role="alert" className="inline-error">
          {use.error instanceof CallError ? use.error.data.message : String(use.error)}
        </p>
      )}
    </div>
  );
}
