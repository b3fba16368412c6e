/**
 * Builds one S3 client per connection with the settings that make third-party
 * clouds work: since SDK 3.729 the client adds CRC32 checksums to every
 * upload and validates them on download, which many non-AWS servers reject,
 * so those endpoints get WHEN_REQUIRED. Clients are cached because each
 * holds a socket pool worth reusing.
 */
import { S3Client } from '@aws-sdk/client-s3';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import type { ConnectionSummary } from '../api/types.js';
import type { ConnectionRegistry } from '../connections/connection-registry.js';
import { isAwsEndpoint } from '../connections/endpoint.js';

const SOCKETS_PER_ENDPOINT = 64;

export function buildS3Client(profile: ConnectionSummary, credentials: { accessKeyId: string; secretAccessKey: string }): S3Client {
  const checksumMode = isAwsEndpoint(profile.endpoint) ? 'WHEN_SUPPORTED' : 'WHEN_REQUIRED';
  const agentOptions = { keepAlive: true, maxSockets: SOCKETS_PER_ENDPOINT };
  return new S3Client({
    endpoint: profile.endpoint,
    region: profile.region || 'us-east-1',
    forcePathStyle: profile.pathStyle,
    credentials,
    requestChecksumCalculation: checksumMode,
    responseChecksumValidation: checksumMode,
    followRegionRedirects: true,
    maxAttempts: 3,
    requestHandler: new NodeHttpHandler({
      connectionTimeout: 10_000,
      // Cuts a socket that stays silent this long, so a stalled server never hangs a pane forever.
      socketTimeout: 60_000,
      httpAgent: new HttpAgent(agentOptions),
      httpsAgent: new HttpsAgent(agentOptions),
    }),
  });
}

export class S3ClientPool {
  readonly #clients = new Map<string, S3Client>();

  constructor(private readonly registry: ConnectionRegistry) {}

  get(connectionId: string): S3Client {
    let client = this.#clients.get(connectionId);
    if (!client) {
      client = buildS3Client(this.registry.get(connectionId), this.registry.credentials(connectionId));
      this.#clients.set(connectionId, client);
    }
    return client;
  }

  forget(connectionId: string): void {
    this.#clients.get(connectionId)?.destroy();
    this.#clients.delete(connectionId);
  }

  destroyAll(): void {
    for (const client of this.#clients.values()) client.destroy();
    this.#clients.clear();
  }
}
