/**
 * A connection's S3 client that builds the SDK's client only when a request
 * needs it. Object requests a transfer prepares go the direct path
 * (app/s3/direct/prepared) on the connection's own sockets and signer, so a
 * copy, download or delete of plain objects never loads the SDK
 * (app/sdk/load-sdk.ts); the first request the direct path does not take
 * (a multipart upload, a bucket call, a region redirect) builds the SDK's
 * client, with the same sockets, credentials and clock correction, and from
 * then on it is that client. Asking for the client's config or middleware
 * builds it too.
 *
 * It stands in for the SDK's S3Client (the pool hands it out as one): send,
 * config, middlewareStack and destroy are what Ferry and the SDK's helpers
 * use of a client.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@aws-sdk/types';
import type { ClientSettings } from '../providers/client-settings.js';
import type { LeanAgents } from './direct/prepared/lean-http.js';
import { DirectSender, routeCommand, type ResolvedConfig } from './direct/prepared/sender.js';

/** Credentials are fetched again this long before they expire, as the SDK does. */
const REFRESH_BEFORE_MS = 5 * 60_000;

type Credentials = AwsCredentialIdentity | AwsCredentialIdentityProvider;

/** One fetch of the credentials at a time, kept until they near their expiry. */
export function memoisedCredentials(source: Credentials): () => Promise<AwsCredentialIdentity> {
  if (typeof source !== 'function') return () => Promise.resolve(source);
  let current: AwsCredentialIdentity | undefined;
  let pending: Promise<AwsCredentialIdentity> | undefined;
  return () => {
    const expires = current?.expiration?.getTime();
    if (current && (expires === undefined || expires - Date.now() > REFRESH_BEFORE_MS)) return Promise.resolve(current);
    pending ??= source()
      .then((fresh) => (current = fresh))
      .finally(() => (pending = undefined));
    return pending;
  };
}

export interface LazyClientParts {
  settings: ClientSettings;
  endpoint: URL;
  credentials: () => Promise<AwsCredentialIdentity>;
  regionOf: ((bucket: string) => string | undefined) | undefined;
  lean: LeanAgents;
  /** Milliseconds added to this machine's clock when signing, until the server says otherwise. */
  clockOffset: number;
  /** Builds the SDK's client on these parts (its agents, the credentials above, the clock offset given). */
  build: (clockOffset: number) => S3Client;
}

type SdkSend = (command: unknown, options?: unknown, cb?: unknown) => Promise<unknown>;

/** What the direct path shares with the SDK's client: the credentials, one clock correction, the handler. */
class SharedConfig implements ResolvedConfig {
  #offset: number;

  constructor(
    readonly credentials: () => Promise<AwsCredentialIdentity>,
    offset: number,
    private readonly real: () => S3Client | undefined,
    private readonly sdk: () => S3Client,
  ) {
    this.#offset = offset;
  }

  // The SDK's client keeps the correction once built (it corrects it on a skewed answer too); before, it is kept here.
  get systemClockOffset(): number {
    return this.real()?.config.systemClockOffset ?? this.#offset;
  }

  set systemClockOffset(value: number) {
    this.#offset = value;
    const real = this.real();
    if (real) real.config.systemClockOffset = value;
  }

  get requestHandler(): ResolvedConfig['requestHandler'] {
    return this.sdk().config.requestHandler as unknown as ResolvedConfig['requestHandler'];
  }
}

export class LazyS3Client {
  #real: S3Client | undefined;
  readonly #parts: LazyClientParts;
  readonly #shared: SharedConfig;
  readonly #direct: DirectSender;
  readonly #sdkSend: SdkSend = (command, options, cb) => (this.#sdk().send as SdkSend)(command, options, cb);

  constructor(parts: LazyClientParts) {
    this.#parts = parts;
    this.#shared = new SharedConfig(
      parts.credentials,
      parts.clockOffset,
      () => this.#real,
      () => this.#sdk(),
    );
    this.#direct = new DirectSender(this.#shared, parts.endpoint, parts.settings, parts.regionOf, parts.lean);
  }

  /** Whether the SDK's client has been built (for tests of what a run loads). */
  get built(): boolean {
    return this.#real !== undefined;
  }

  send(command: unknown, options?: unknown, cb?: unknown): Promise<unknown> {
    return routeCommand(this.#direct, command, options, cb, this.#sdkSend);
  }

  get config(): S3Client['config'] {
    return this.#sdk().config;
  }

  get middlewareStack(): S3Client['middlewareStack'] {
    return this.#sdk().middlewareStack;
  }

  destroy(): void {
    if (this.#real) this.#real.destroy();
    else for (const agent of [this.#parts.lean.http, this.#parts.lean.https]) agent.destroy();
  }

  #sdk(): S3Client {
    return (this.#real ??= this.#parts.build(this.#shared.systemClockOffset));
  }
}
