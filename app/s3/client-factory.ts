/**
 * Builds one S3 client per connection from its preset: endpoint (or the
 * SDK's own AWS endpoint), signing region, addressing style and checksum
 * settings. Since SDK 3.729 the client adds CRC32 checksums to every upload
 * and validates them on download, which many non-AWS servers reject, so
 * those endpoints get WHEN_REQUIRED. Provider quirks and the bucket-region
 * memory are middleware. Clients are cached because each holds a socket
 * pool worth reusing. A transfer's client on an endpoint the direct path
 * reaches (lazy-client.ts) builds the SDK's client only when a request
 * needs it, so a copy of plain objects never loads the SDK.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@aws-sdk/types';
import { readFileSync } from 'node:fs';
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { rootCertificates } from 'node:tls';
import type { ConnectionRegistry } from '../connections/connection-registry.js';
import { applyRegionMemory, type RegionMemory } from '../probe/bucket-region.js';
import { applyNamedBuckets } from '../probe/named-buckets.js';
import { clientSettings, type ClientProfile } from '../providers/client-settings.js';
import { applyProviderMiddleware } from '../providers/provider-middleware.js';
import { directEndpoint, installDirectPath } from './direct/prepared/sender.js';
import { httpHandlers, s3Sdk } from '../sdk/load-sdk.js';
import { LazyS3Client, memoisedCredentials } from './lazy-client.js';
import { applyErrorBodyCap } from './direct/prepared/error-body-cap.js';
import { nameBucketsInErrors } from './requests/bucket-named-errors.js';
import { refuseBucketInEndpoint } from './requests/bucket-in-endpoint.js';
import { proxiedHttpHandler } from './proxy/proxy-agents.js';
import { keepSpareConnections } from './requests/spare-connections.js';
import { proxyFor, type ProxyEnv, type ProxySetting } from './proxy/proxy-choice.js';
import { markProxied } from './requests/proxied-clients.js';

const SOCKETS_PER_ENDPOINT = 64;

export interface BuildOptions {
  caFile?: string;
  regionMemory?: RegionMemory;
  /** Attempts per request; diagnostics use 1 so the first fault is the one reported. */
  maxAttempts?: number;
  /** Milliseconds added to this machine's clock when signing (the SDK's systemClockOffset). */
  systemClockOffset?: number;
  connectionTimeoutMs?: number;
  /** Sockets per endpoint; transfers raise it to match their request limit, so requests never queue in the agent. */
  maxSockets?: number;
  /** Lets a transfer's prepared object requests skip the SDK's command pipeline (app/s3/direct). */
  direct?: boolean;
  /** Where HTTPS_PROXY, HTTP_PROXY, NO_PROXY are read (the process's environment unless a shell passes the system's). */
  proxyEnv?: ProxyEnv;
  /** The connection's own proxy, which wins over the environment. */
  proxy?: ProxySetting;
  /** Buckets the user named for a connection whose keys may not list buckets (probe/named-buckets.ts). */
  namedBuckets?: () => string[];
}

/** Cuts a socket that stays silent this long, so a stalled server never hangs a pane forever. */
const SOCKET_TIMEOUT_MS = 60_000;

/** Trust the system's roots plus the user's own CA, for self-hosted servers with a private certificate. */
function trustedCas(caFile: string | undefined): string[] | undefined {
  return caFile ? [...rootCertificates, readFileSync(caFile, 'utf8')] : undefined;
}

export function buildS3Client(
  profile: ClientProfile & { caFile?: string },
  credentials: AwsCredentialIdentity | AwsCredentialIdentityProvider,
  options: BuildOptions = {},
): S3Client {
  const settings = clientSettings(profile);
  const agentOptions = { keepAlive: true, maxSockets: Math.max(options.maxSockets ?? 0, SOCKETS_PER_ENDPOINT) };
  const ca = trustedCas(options.caFile ?? profile.caFile);
  const connectTimeoutMs = options.connectionTimeoutMs ?? 10_000;
  const target = new URL(settings.endpoint ?? `https://s3.${settings.region}.amazonaws.com`);
  const proxy = proxyFor(target, options.proxyEnv ?? process.env, options.proxy);
  const httpAgent = new HttpAgent(agentOptions);
  const httpsAgent = new HttpsAgent({ ...agentOptions, ...(ca ? { ca } : {}) });
  const lean = proxy ? undefined : { http: httpAgent, https: httpsAgent, connectTimeoutMs, socketTimeoutMs: SOCKET_TIMEOUT_MS };
  const sdkClient = (creds: typeof credentials, clockOffset: number | undefined): S3Client => {
    const client = new (s3Sdk().S3Client)({
      ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
      region: settings.region,
      forcePathStyle: settings.forcePathStyle,
      credentials: creds,
      requestChecksumCalculation: settings.requestChecksumCalculation,
      responseChecksumValidation: settings.responseChecksumValidation,
      followRegionRedirects: true,
      // A connection uses exactly the endpoint it names: AWS_ENDPOINT_URL(_S3) in the environment must never redirect it.
      ignoreConfiguredEndpointUrls: true,
      maxAttempts: options.maxAttempts ?? 3,
      ...(clockOffset !== undefined ? { systemClockOffset: clockOffset } : {}),
      requestHandler: proxy
        ? proxiedHttpHandler(proxy, {
            connectionTimeout: connectTimeoutMs,
            socketTimeout: SOCKET_TIMEOUT_MS,
            agentOptions: { ...agentOptions, ...(ca ? { ca } : {}) },
            connectTimeoutMs,
          })
        : new (httpHandlers().NodeHttpHandler)({
            connectionTimeout: connectTimeoutMs,
            socketTimeout: SOCKET_TIMEOUT_MS,
            httpAgent,
            httpsAgent,
          }),
    });
    // The socket-level GET path connects to endpoints itself: it steps aside for clients behind a proxy.
    if (proxy) markProxied(client, { origin: proxy.url.origin, source: proxy.source });
    applyProviderMiddleware(client, settings);
    applyErrorBodyCap(client);
    nameBucketsInErrors(client);
    refuseBucketInEndpoint(client, settings.endpoint);
    if (options.regionMemory) applyRegionMemory(client, settings.region, options.regionMemory);
    if (options.namedBuckets) applyNamedBuckets(client, options.namedBuckets);
    return client;
  };
  // A transfer's client on a connection the direct path can reach: the SDK's client is built on its first need.
  const endpoint = options.direct && lean ? directEndpoint(settings) : undefined;
  if (endpoint && lean) {
    const memoised = memoisedCredentials(credentials);
    const lazy = new LazyS3Client({
      settings,
      endpoint,
      credentials: memoised,
      regionOf: options.regionMemory?.regionOf,
      lean,
      clockOffset: options.systemClockOffset ?? 0,
      build: (clockOffset) => sdkClient(memoised, clockOffset),
    });
    for (const agent of [httpAgent, httpsAgent]) keepSpareConnections(agent, lazy);
    // It offers what Ferry and the SDK's helpers use of a client (lazy-client.ts).
    return lazy as unknown as S3Client;
  }
  const client = sdkClient(credentials, options.systemClockOffset);
  if (!proxy) for (const agent of [httpAgent, httpsAgent]) keepSpareConnections(agent, client);
  if (options.direct) installDirectPath(client, settings, options.regionMemory?.regionOf, lean);
  return client;
}

/** What every client of one pool shares. */
export type PoolOptions = Pick<BuildOptions, 'maxSockets' | 'connectionTimeoutMs' | 'proxyEnv'>;

export class S3ClientPool {
  readonly #clients = new Map<string, S3Client>();
  #onCreated: ((connectionId: string) => void) | undefined;

  constructor(
    private readonly registry: ConnectionRegistry,
    /** For every client of this pool: sockets per endpoint (transfers may ask for more than the default) and the connect timeout. */
    private readonly options: PoolOptions = {},
  ) {}

  get(connectionId: string): S3Client {
    let client = this.#clients.get(connectionId);
    if (!client) {
      const profile = this.registry.profile(connectionId);
      const proxy = this.registry.proxySetting(profile);
      client = buildS3Client(profile, this.registry.credentialProvider(profile), {
        ...this.options,
        ...(proxy ? { proxy } : {}),
        direct: true,
        regionMemory: {
          regionOf: (bucket) => this.registry.bucketRegion(connectionId, bucket),
          learnt: (bucket, region) => this.registry.rememberBucketRegion(connectionId, bucket, region),
        },
        namedBuckets: () => this.registry.namedBuckets(connectionId),
      });
      this.#clients.set(connectionId, client);
      this.#onCreated?.(connectionId);
    }
    return client;
  }

  /** Called once per connection when its client is first built: "on connect". */
  onCreated(listener: (connectionId: string) => void): void {
    this.#onCreated = listener;
  }

  forget(connectionId: string): void {
    this.#clients.get(connectionId)?.destroy();
    this.#clients.delete(connectionId);
  }

  forgetAll(): void {
    this.destroyAll();
  }

  destroyAll(): void {
    for (const client of this.#clients.values()) client.destroy();
    this.#clients.clear();
  }
}
