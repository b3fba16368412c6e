/**
 * "Test connection": runs the steps in order (URL, DNS, TCP, TLS,
 * credentials, list buckets, the user's bucket, checksum headers) and stops
 * at the first that fails, naming it in words the user can act on. A
 * passing test also yields the capability probe, kept with the profile.
 */
import { HeadBucketCommand, ListBucketsCommand, type S3Client } from '@aws-sdk/client-s3';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@aws-sdk/types';
import { readFileSync } from 'node:fs';
import type { CapabilityProbe, DiagnosticCode, DiagnosticReport, DiagnosticStep, DiagnosticStepId } from '../api/connection-types.js';
import { FerryError } from '../api/errors.js';
import type { StoredProfile } from '../connections/profile-types.js';
import type { RegionMemory } from '../probe/bucket-region.js';
import { probeBucket, probeChecksums } from '../probe/capability-probe.js';
import { probeConditionalWrites } from '../probe/conditional-writes.js';
import { buildS3Client } from '../s3/client-factory.js';
import { classifyS3Error, describeOffset, type S3ErrorLike } from './classify-s3-error.js';
import { checkDns, checkTcp, checkTls, NETWORK_TIMEOUT_MS, type CheckResult } from './network-checks.js';
import { checkThroughProxy } from './proxy-checks.js';
import { proxyFor, proxyName, type ProxyEnv, type ProxySetting } from '../s3/proxy/proxy-choice.js';

export interface DiagnoseInput {
  profile: StoredProfile;
  credentials: AwsCredentialIdentityProvider;
  /** A bucket to check directly (the user's answer to "may not list buckets"). */
  bucket?: string;
  /** Milliseconds added to this machine's clock when signing, as the SDK's systemClockOffset. */
  systemClockOffset?: number;
  timeoutMs?: number;
  regionMemory?: RegionMemory;
  /** Where the proxy variables are read; the process's environment unless a shell passes the system's. */
  proxyEnv?: ProxyEnv;
  /** The connection's own proxy (or 'direct'), which wins over the environment. */
  proxy?: ProxySetting;
}

const LABELS: Record<DiagnosticStepId, string> = {
  url: 'Endpoint URL',
  dns: 'DNS',
  tcp: 'TCP connection',
  tls: 'TLS',
  credentials: 'Credentials',
  'list-buckets': 'List buckets',
  bucket: 'Bucket',
  checksums: 'Checksum headers',
  'conditional-writes': 'Conditional writes',
};

/** A clock this far off still works but deserves a word. */
const SKEW_WARNING_MS = 60_000;

class Run {
  readonly steps: DiagnosticStep[] = [];
  readonly started = Date.now();
  extra: Partial<DiagnosticReport> = {};

  pass(id: DiagnosticStepId, detail: string): void {
    this.steps.push({ id, label: LABELS[id], status: 'ok', detail });
  }

  warn(id: DiagnosticStepId, detail: string): void {
    this.steps.push({ id, label: LABELS[id], status: 'warning', detail });
  }

  fail(id: DiagnosticStepId, code: DiagnosticCode, message: string, extra: Partial<DiagnosticReport> = {}): DiagnosticReport {
    this.steps.push({ id, label: LABELS[id], status: 'failed', detail: message });
    return this.report(false, code, message, extra);
  }

  report(ok: boolean, code: DiagnosticCode, message: string, extra: Partial<DiagnosticReport> = {}): DiagnosticReport {
    return { ok, code, message, steps: this.steps, ...this.extra, ...extra, durationMs: Date.now() - this.started };
  }
}

function failCheck(run: Run, id: DiagnosticStepId, result: Exclude<CheckResult, { ok: true }>): DiagnosticReport {
  return run.fail(id, result.code, result.message, {
    ...(result.certificate ? { certificate: result.certificate } : {}),
    ...(result.offer ? { offer: result.offer } : {}),
  });
}

function credentialCode(err: unknown): DiagnosticCode {
  const reason = err instanceof FerryError ? err.details?.reason : undefined;
  switch (reason) {
    case 'vault-locked':
      return 'vault-locked';
    case 'credentials-missing':
      return 'credentials-missing';
    case 'expired-token':
      return 'expired-token';
    default:
      return 'credentials-unavailable';
  }
}

/** Records the server's Date header so the clock offset can be measured on success too. */
function captureDate(client: S3Client, sink: { date?: string }): void {
  client.middlewareStack.add(
    (next) => async (args) => {
      const result = await next(args);
      const headers = (result.response as { headers?: Record<string, string> }).headers;
      if (headers?.date) sink.date = headers.date;
      return result;
    },
    { step: 'deserialize', name: 'ferryCaptureDate', priority: 'low' },
  );
}

export async function diagnose(input: DiagnoseInput): Promise<DiagnosticReport> {
  const { profile } = input;
  const run = new Run();
  const timeout = input.timeoutMs ?? NETWORK_TIMEOUT_MS;
  run.extra.endpoint = profile.endpoint;

  let url: URL;
  try {
    url = new URL(profile.endpoint);
  } catch {
    return run.fail('url', 'endpoint-malformed', `"${profile.endpoint}" is not a URL.`);
  }
  const https = url.protocol === 'https:';
  const port = Number(url.port || (https ? 443 : 80));
  run.pass('url', `${url.protocol}//${url.host}`);

  let proxy;
  try {
    proxy = proxyFor(url, input.proxyEnv ?? process.env, input.proxy);
  } catch (err) {
    return run.fail('url', 'endpoint-malformed', err instanceof Error ? err.message : String(err));
  }
  if (proxy) {
    run.extra.proxy = proxyName(proxy);
    run.pass('dns', `left to the proxy ${proxyName(proxy)}`);
    const via = await checkThroughProxy(proxy, url, port, timeout);
    if (!via.ok) return failCheck(run, 'tcp', via);
    run.pass('tcp', via.detail);
  } else {
    const dns = await checkDns(url.hostname, timeout);
    if (!dns.ok) return failCheck(run, 'dns', dns);
    run.pass('dns', dns.detail);

    const tcp = await checkTcp(url.hostname, port, timeout);
    if (!tcp.ok) return failCheck(run, 'tcp', tcp);
    run.pass('tcp', tcp.detail);
  }

  let caPem: string | undefined;
  if (https) {
    if (profile.caFile) {
      try {
        caPem = readFileSync(profile.caFile, 'utf8');
      } catch (err) {
        return run.fail(
          'tls',
          'ca-file',
          `The CA file ${profile.caFile} cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'}).`,
        );
      }
    }
    if (proxy) {
      // The certificate is checked end to end inside the tunnel by the requests that follow.
      run.steps.push({ id: 'tls', label: LABELS.tls, status: 'skipped', detail: `checked inside the tunnel through ${proxyName(proxy)}` });
    } else {
      const tls = await checkTls(url.hostname, port, caPem, timeout);
      if (!tls.ok) return failCheck(run, 'tls', tls);
      run.pass('tls', tls.detail);
    }
  } else {
    run.steps.push({ id: 'tls', label: LABELS.tls, status: 'skipped', detail: 'plain HTTP: keys and data travel unencrypted' });
  }

  let identity: AwsCredentialIdentity;
  try {
    identity = await input.credentials();
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return run.fail('credentials', credentialCode(err), message);
  }
  run.pass('credentials', `access key ${identity.accessKeyId}${identity.sessionToken ? ' with a session token' : ''}`);

  const clientOptions = {
    maxAttempts: 1,
    connectionTimeoutMs: timeout,
    ...(input.systemClockOffset !== undefined ? { systemClockOffset: input.systemClockOffset } : {}),
    ...(input.regionMemory ? { regionMemory: input.regionMemory } : {}),
    ...(input.proxyEnv ? { proxyEnv: input.proxyEnv } : {}),
    ...(input.proxy ? { proxy: input.proxy } : {}),
  };
  const client = buildS3Client(profile, identity, clientOptions);
  const seen: { date?: string } = {};
  captureDate(client, seen);
  const errCtx = (listing: boolean) => ({
    accessKeyId: identity.accessKeyId,
    region: profile.region,
    signedAt: Date.now() + (input.systemClockOffset ?? 0),
    listing,
    ...(profile.credentialSource === 'aws-profile' && profile.awsProfile ? { awsProfile: profile.awsProfile } : {}),
  });
  try {
    const named = [...new Set([...(input.bucket ? [input.bucket] : []), ...profile.buckets])];
    let buckets: string[] = [];
    let listBuckets: CapabilityProbe['listBuckets'] = 'unknown';
    const signedAt = Date.now() + (input.systemClockOffset ?? 0);
    try {
      const out = await client.send(new ListBucketsCommand({}));
      buckets = (out.Buckets ?? []).map((b) => b.Name ?? '').filter(Boolean);
      listBuckets = 'allowed';
      run.pass('list-buckets', buckets.length === 1 ? '1 bucket' : `${buckets.length} buckets`);
    } catch (err) {
      // The client's own finding about the endpoint (a bucket in its path): already in words the user can act on.
      if (err instanceof FerryError && err.details?.field === 'endpoint')
        return run.fail('list-buckets', 'endpoint-malformed', err.message);
      const found = classifyS3Error(err as S3ErrorLike, { ...errCtx(true), signedAt });
      if (found.code === 'list-buckets-denied' && named.length > 0) {
        listBuckets = 'denied';
        run.warn('list-buckets', 'these keys may not list buckets; Ferry opens the named bucket directly');
      } else {
        const network = networkFailure(err);
        if (network) return run.fail('list-buckets', network.code, network.message);
        return run.fail('list-buckets', found.code, found.message, {
          ...(found.offer ? { offer: found.offer } : {}),
          ...(found.clockOffsetMs !== undefined ? { clockOffsetMs: found.clockOffsetMs } : {}),
        });
      }
    }
    const serverDate = seen.date ? Date.parse(seen.date) : Number.NaN;
    // The Date header has one-second resolution: smaller offsets are noise.
    const offset = Number.isNaN(serverDate) ? undefined : Math.abs(serverDate - signedAt) < 2000 ? 0 : serverDate - signedAt;
    if (offset !== undefined) run.extra.clockOffsetMs = offset;
    if (offset !== undefined && Math.abs(offset) >= SKEW_WARNING_MS)
      run.warn('credentials', `${describeOffset(offset)}; requests may start failing`);

    const target = named[0];
    if (target) {
      try {
        await client.send(new HeadBucketCommand({ Bucket: target }));
        run.pass('bucket', `bucket ${target} is reachable`);
      } catch (err) {
        const found = classifyS3Error(err as S3ErrorLike, errCtx(false));
        return run.fail('bucket', found.code, found.message.replace('this bucket', `bucket ${target}`));
      }
    }

    const probeTarget = target ?? buckets[0];
    const bucketFacts = probeTarget ? await probeBucket(client, probeTarget) : undefined;
    let checksums: CapabilityProbe['checksums'] = 'unknown';
    let code: DiagnosticCode = 'ok';
    let message = 'Every step passed.';
    // A bucket that locks what is written gets no test object: it could not be removed again.
    const locked = bucketFacts?.locked;
    if (locked) {
      run.steps.push({ id: 'checksums', label: LABELS.checksums, status: 'skipped', detail: locked });
    } else if (probeTarget) {
      // Never strip checksum headers for this check, whatever the profile learnt before.
      const checksumClient = buildS3Client({ ...profile, checksumMode: 'when-required' }, identity, clientOptions);
      try {
        const result = await probeChecksums(checksumClient, probeTarget, { lockChecked: true });
        checksums = result.checksums;
        if (checksums === 'rejected') {
          code = 'checksum-unsupported';
          message = 'The server refuses checksum headers: Ferry will not send them for this connection.';
          run.warn('checksums', result.detail);
        } else run.pass('checksums', result.detail);
      } finally {
        checksumClient.destroy();
      }
    } else {
      run.steps.push({ id: 'checksums', label: LABELS.checksums, status: 'skipped', detail: 'no bucket to test against' });
    }
    const conditionalWrites = probeTarget && !locked ? await probeConditionalWrites(client, probeTarget, undefined, true) : 'unknown';
    if (conditionalWrites === 'unknown') {
      const why = !probeTarget
        ? 'no bucket to test against'
        : locked
          ? `${locked}; skip and ask uploads look first`
          : 'could not be tested (these keys may not write there)';
      run.steps.push({ id: 'conditional-writes', label: LABELS['conditional-writes'], status: 'skipped', detail: why });
    } else {
      run.pass(
        'conditional-writes',
        conditionalWrites === 'honoured'
          ? 'the server refuses to replace an existing key when asked (If-None-Match): skip and ask uploads need no look-up first'
          : 'the server takes If-None-Match and replaces the key anyway: skip and ask uploads look first (one more request each)',
      );
    }
    if (listBuckets === 'denied') message = `Bucket ${target ?? ''} works; these keys may not list other buckets.`;
    // TLS is skipped by plain HTTP itself; any other skipped step is a check the user did not get.
    const skipped = run.steps.filter((x) => x.status === 'skipped' && x.id !== 'tls').length;
    if (code === 'ok' && listBuckets !== 'denied' && skipped > 0) {
      message = `Every step that ran passed; ${skipped === 1 ? 'one was' : `${skipped} were`} skipped, each saying why below.`;
    }
    const probe: CapabilityProbe = {
      probedAt: new Date().toISOString(),
      listBuckets,
      ...(listBuckets === 'allowed' ? { bucketCount: buckets.length } : {}),
      ...(probeTarget ? { bucket: probeTarget } : {}),
      ...(bucketFacts?.region ? { bucketRegion: bucketFacts.region } : {}),
      versioning: bucketFacts?.versioning ?? 'unknown',
      objectLock: bucketFacts?.objectLock ?? 'unknown',
      checksums,
      ...(conditionalWrites !== 'unknown' ? { conditionalWrites } : {}),
      ...(offset !== undefined ? { clockOffsetMs: offset } : {}),
    };
    return run.report(true, code, message, { probe });
  } finally {
    client.destroy();
  }
}

/** Faults below S3 that only show once the SDK talks (a TLS or socket failure mid-request). */
function networkFailure(err: unknown): { code: DiagnosticCode; message: string } | undefined {
  const e = err as NodeJS.ErrnoException & { $metadata?: unknown };
  const text = `${e.code ?? ''} ${e.message ?? ''}`;
  if (/wrong version number|WRONG_VERSION_NUMBER/i.test(text)) {
    return { code: 'tls-plain-http', message: 'The server answers in plain HTTP, not TLS: use an http:// endpoint.' };
  }
  if (e.code === 'ECONNREFUSED') return { code: 'tcp-refused', message: `The server refused the connection (${e.message}).` };
  if (e.code === 'ECONNRESET' || e.code === 'ETIMEDOUT' || e.name === 'TimeoutError') {
    return { code: 'tcp-timeout', message: `The connection dropped before the server answered (${e.code ?? e.name}).` };
  }
  return undefined;
}
