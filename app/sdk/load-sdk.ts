/**
 * The AWS SDK's packages, loaded when first needed rather than when Ferry
 * starts. Loading the S3 client costs ~85 ms of CPU and ~30 MiB of memory
 * (Node 24, compile cache warm), and a transfer of plain objects over the
 * direct path (app/s3/direct) sends nothing through it: `ferry cp`, `rm`
 * and `sync` of small files never pay for it. Everything that does use the
 * SDK (a multipart upload, the inspector, a proxied connection, a region
 * redirect) loads it here on its first call.
 *
 * A plain `require` inside a function: an import at the top of a module is
 * run when the bundle starts, and import() is asynchronous, while a client's
 * members must be there when asked for. The bundle is CommonJS, and the
 * tests' runner gives each source file a require too.
 */
type S3Sdk = typeof import('@aws-sdk/client-s3');
type HttpHandlers = typeof import('@smithy/node-http-handler');
type Protocols = typeof import('@smithy/core/protocols');
type CredentialProviders = typeof import('@aws-sdk/credential-providers');

let s3: S3Sdk | undefined;
let handlers: HttpHandlers | undefined;
let protocols: Protocols | undefined;
let credentialProviders: CredentialProviders | undefined;

/** Whether the S3 client's package has been loaded in this process (for tests of what a run loads). */
export function s3SdkLoaded(): boolean {
  return s3 !== undefined;
}

export function s3Sdk(): S3Sdk {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first need, not at start (see above)
  return (s3 ??= require('@aws-sdk/client-s3') as S3Sdk);
}

export function httpHandlers(): HttpHandlers {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first need, not at start (see above)
  return (handlers ??= require('@smithy/node-http-handler') as HttpHandlers);
}

export function smithyProtocols(): Protocols {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first need, not at start (see above)
  return (protocols ??= require('@smithy/core/protocols') as Protocols);
}

/** The SDK's profile and environment credential readers, for connections that use one. */
export function sdkCredentialProviders(): CredentialProviders {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first need, not at start (see above)
  return (credentialProviders ??= require('@aws-sdk/credential-providers') as CredentialProviders);
}
