/**
 * The direct path for a transfer's object requests. The SDK's command
 * pipeline (endpoint rules, serialisation, ~30 middlewares) costs about a
 * millisecond of CPU per request — more than the request itself on a fast
 * link, and the whole difference between Ferry and the fastest tools on
 * folders of small files (bench W1, W2, W7). For the few object calls a
 * transfer repeats, Ferry builds the request itself and hands it to the
 * SDK's own SigV4 signer and the client's own HTTP handler (same sockets,
 * same timeouts, same credentials and clock offset).
 *
 * Only what the SDK would send the same way takes this path: a connection
 * with its own endpoint (not AWS's endpoint rules), checksums only when
 * required, a bucket signed for the connection's region, and an input the
 * command table describes. Anything else — and any answer that needs the
 * SDK's own handling (a region redirect) — goes through the SDK.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { commandName } from '../../../sdk/light-command.js';
import type { Readable } from 'node:stream';
import type { ClientSettings } from '../../../providers/client-settings.js';
import { directSpec, type DirectSpec } from './commands.js';
import { flatHeaders, metadataOf, objectOutput, readText, serviceError, xmlField, type Headers } from './response.js';
import { parseListPage, type ListPage } from './list-parser.js';
import { asV2Page, isV1Page, v1Spec, withoutV1Fields } from './list-v1.js';
import { parseDeleteAnswer } from './delete-parser.js';
import { cappedBody } from './error-body-cap.js';
import { LeanSigner, type SigningCredentials } from './sigv4.js';
import { escapePath } from '../../../base/uri-escape.js';
import { leanExchange, type LeanAgents } from './lean-http.js';
import type { IncomingHttpHeaders } from 'node:http';

/** SHA-256 of an empty body: what a body-less request signs as its payload. */
const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

/** Commands a transfer has prepared (its own retries, no Expect header): only those may take the direct path. */
const prepared = new WeakSet<object>();

export function allowDirect(command: object): void {
  prepared.add(command);
}

/** A bucket name that can be a host name label: lower case, digits and hyphens (dots would break TLS names). */
const HOSTABLE_BUCKET = /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/;

interface HttpResponse {
  statusCode: number;
  headers: Record<string, string> | IncomingHttpHeaders;
  body: Readable | undefined;
}

interface Handler {
  handle(request: unknown, options?: { abortSignal?: AbortSignal }): Promise<{ response: HttpResponse }>;
}

/** What the direct path shares with the SDK's client: its credentials, its clock's correction and its HTTP handler. */
export interface ResolvedConfig {
  /** The client's memoised credentials provider (or, in older resolutions, the credentials themselves). */
  credentials: SigningCredentials | (() => Promise<SigningCredentials>);
  systemClockOffset: number;
  requestHandler: Handler;
}

/** Five minutes: the skew at which S3 refuses a signature, and the SDK corrects its clock offset. */
const SKEW_MS = 5 * 60_000;

export class DirectSender {
  readonly #config: ResolvedConfig;
  readonly #signer: LeanSigner;
  readonly #protocol: string;
  readonly #hostname: string;
  readonly #port: number | undefined;
  readonly #host: string;
  readonly #basePath: string;
  readonly #lean: LeanAgents | undefined;
  /** This endpoint answers listings in ListObjects' first version (list-v1.ts). */
  listsV1 = false;
  /** This endpoint's V2 pages leave out KeyCount: the SDK's pages are taken as they are. */
  countlessV2 = false;

  constructor(
    config: ResolvedConfig,
    endpoint: URL,
    private readonly settings: ClientSettings,
    private readonly regionOf: ((bucket: string) => string | undefined) | undefined,
    lean: LeanAgents | undefined,
  ) {
    this.#lean = lean;
    this.#config = config;
    // S3 signs the path as sent (keys are encoded once, not twice), as the SDK's signer with uriEscapePath off.
    this.#signer = new LeanSigner(settings.region);
    this.#protocol = endpoint.protocol;
    this.#hostname = endpoint.hostname;
    this.#port = endpoint.port ? Number(endpoint.port) : undefined;
    this.#host = endpoint.host;
    this.#basePath = endpoint.pathname.replace(/\/+$/, '');
  }

  /** True when this bucket can be reached the way the SDK would reach it. */
  accepts(spec: DirectSpec): boolean {
    const known = this.regionOf?.(spec.bucket);
    if (known && known !== this.settings.region) return false;
    return this.settings.forcePathStyle || HOSTABLE_BUCKET.test(spec.bucket);
  }

  async send(spec: DirectSpec, abortSignal: AbortSignal | undefined, viaSdk: () => Promise<unknown>): Promise<unknown> {
    try {
      return await this.#run(spec, abortSignal);
    } catch (err) {
      const e = err as { $response?: { headers?: Headers }; name?: string };
      const headers = e.$response?.headers;
      // A region redirect is the SDK's to follow (and the region memory's to learn). MinIO names the bucket's region
      // on every error, a missing key's 404 too: only another region than the one signed for is a redirect.
      const region = headers?.['x-amz-bucket-region'];
      if (region && region !== this.settings.region) return viaSdk();
      if (e.name === 'RequestTimeTooSkewed' && this.#learnClock(headers?.date)) return this.#run(spec, abortSignal);
      throw err;
    }
  }

  #run(spec: DirectSpec, abortSignal: AbortSignal | undefined): Promise<unknown> {
    return spec.answer === 'list' ? this.#list(spec, abortSignal) : this.#attempt(spec, abortSignal);
  }

  async #list(spec: DirectSpec, abortSignal: AbortSignal | undefined): Promise<unknown> {
    if (this.listsV1) return asV2Page((await this.#attempt(v1Spec(spec), abortSignal)) as ListPage, spec);
    const page = (await this.#attempt(spec, abortSignal)) as ListPage;
    if (!isV1Page(page)) {
      if (page.KeyCount === undefined) this.countlessV2 = true;
      return withoutV1Fields(page);
    }
    this.listsV1 = true;
    // A first page is the same either way; a later one was listed from the start, its token ignored: ask again.
    const onward = spec.query['continuation-token'] !== undefined || spec.query['start-after'] !== undefined;
    return asV2Page(onward ? ((await this.#attempt(v1Spec(spec), abortSignal)) as ListPage) : page, spec);
  }

  /** Corrects the clock offset from the server's Date, as the SDK does; true when it changed. */
  #learnClock(date: string | undefined): boolean {
    const server = date ? Date.parse(date) : NaN;
    if (!Number.isFinite(server)) return false;
    const offset = server - Date.now();
    if (Math.abs(offset - this.#config.systemClockOffset) < SKEW_MS) return false;
    this.#config.systemClockOffset = offset;
    return true;
  }

  async #attempt(spec: DirectSpec, abortSignal: AbortSignal | undefined): Promise<unknown> {
    const virtual = !this.settings.forcePathStyle;
    // Each segment encoded as the SDK encodes a key.
    const key = escapePath(spec.key);
    const host = virtual ? `${spec.bucket}.${this.#host}` : this.#host;
    const headers: Record<string, string> = {
      ...spec.headers,
      host,
      // A body is covered by its Content-MD5 (checked by the server); an empty one hashes to a constant.
      'x-amz-content-sha256': spec.body ? 'UNSIGNED-PAYLOAD' : EMPTY_SHA256,
    };
    if (spec.method === 'PUT' || spec.method === 'POST') headers['content-length'] = String(spec.body?.byteLength ?? 0);
    const request = {
      method: spec.method,
      protocol: this.#protocol,
      hostname: virtual ? `${spec.bucket}.${this.#hostname}` : this.#hostname,
      ...(this.#port !== undefined ? { port: this.#port } : {}),
      // A bucket-level request (a listing) has no key: `/bucket` by path, `/` on the bucket's host.
      path: virtual ? `${this.#basePath}/${key}` : `${this.#basePath}/${spec.bucket}${spec.key ? `/${key}` : ''}`,
      query: spec.query,
      headers,
      ...(spec.body ? { body: spec.body } : {}),
    };
    const creds = this.#config.credentials;
    this.#signer.sign(request, typeof creds === 'function' ? await creds() : creds, Date.now() + this.#config.systemClockOffset);
    const response = this.#lean
      ? await leanExchange(this.#lean, request, abortSignal)
      : (await this.#config.requestHandler.handle(request, abortSignal ? { abortSignal } : {})).response;
    return answer(spec, response);
  }
}

async function answer(spec: DirectSpec, response: HttpResponse): Promise<unknown> {
  const status = response.statusCode;
  const headers = flatHeaders(response.headers);
  const body = response.body;
  if (status < 200 || status >= 300) {
    // Only the head of an error body is read; the rest goes with the connection.
    const xml = body && spec.method !== 'HEAD' ? await readText(cappedBody(body)) : '';
    body?.resume();
    throw serviceError(status, headers, xml, spec.bucket);
  }
  switch (spec.answer) {
    case 'get':
      return { ...objectOutput(status, headers), Body: body };
    case 'head':
      body?.resume();
      return objectOutput(status, headers);
    case 'put': {
      if (body) await readText(body, 0);
      const out = objectOutput(status, headers);
      delete out.Metadata;
      delete out.ContentLength;
      return out;
    }
    case 'copy': {
      const xml = body ? await readText(body, 1024 * 1024, true) : '';
      // A copy can fail after its 200 has been sent: the error then arrives as the body.
      if (/<Error>/.test(xml)) throw serviceError(500, headers, xml);
      const etag = xmlField(xml, 'ETag');
      const modified = xmlField(xml, 'LastModified');
      return {
        $metadata: metadataOf(status, headers),
        CopyObjectResult: { ...(etag ? { ETag: etag } : {}), ...(modified ? { LastModified: new Date(modified) } : {}) },
        ...(headers['x-amz-version-id'] ? { VersionId: headers['x-amz-version-id'] } : {}),
        ...(headers['x-amz-copy-source-version-id'] ? { CopySourceVersionId: headers['x-amz-copy-source-version-id'] } : {}),
      };
    }
    case 'list': {
      const xml = body ? await readText(body, 64 * 1024 * 1024, true) : '';
      return { $metadata: metadataOf(status, headers), ...parseListPage(xml) };
    }
    case 'delete': {
      // A thousand keys, each with an error message at worst: well under this.
      const xml = body ? await readText(body, 16 * 1024 * 1024, true) : '';
      const { isError, ...entries } = parseDeleteAnswer(xml);
      // Like a copy, a batch can fail after its 200 has been sent.
      if (isError) throw serviceError(500, headers, xml);
      return { $metadata: metadataOf(status, headers), ...entries };
    }
    default:
      throw new Error(`Unknown answer kind: ${String(spec.answer)}`);
  }
}

/** A connection whose requests the SDK would send to its own endpoint, with checksums only when required. */
export function directEndpoint(settings: ClientSettings): URL | undefined {
  if (!settings.endpoint || settings.requestChecksumCalculation !== 'WHEN_REQUIRED') return undefined;
  if (settings.responseChecksumValidation !== 'WHEN_REQUIRED') return undefined;
  try {
    const url = new URL(settings.endpoint);
    if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.search || url.hostname.startsWith('[')) return undefined;
    // The SDK addresses an IP endpoint by path even without path style; leave that case to it.
    if (!settings.forcePathStyle && /^\d+\.\d+\.\d+\.\d+$/.test(url.hostname)) return undefined;
    return url;
  } catch {
    return undefined;
  }
}

/**
 * A listing the SDK sends (a search, a delete's look at a folder, a bucket's emptiness check): as it is, unless
 * the endpoint turns out to answer in ListObjects' first version, whose paging the SDK's reader drops; then it is
 * read here (list-v1.ts).
 */
async function listThroughSdk(
  direct: DirectSender,
  command: object,
  abortSignal: AbortSignal | undefined,
  viaSdk: () => Promise<unknown>,
): Promise<unknown> {
  const spec = direct.listsV1 ? directSpec(command) : undefined;
  if (spec && direct.accepts(spec)) return direct.send(spec, abortSignal, viaSdk);
  const out = (await viaSdk()) as ListPage;
  if (out.KeyCount !== undefined || direct.countlessV2) return out;
  // No KeyCount: a V1 page, or a server that leaves the count out. Read it again here to tell which.
  const again = directSpec(command);
  return again && direct.accepts(again) ? direct.send(again, abortSignal, viaSdk) : out;
}

type SdkSend = (command: unknown, options?: unknown, cb?: unknown) => Promise<unknown>;

/**
 * Sends `command` the direct way when it may go so, else by `sdkSend`: a prepared command the table describes goes
 * direct, a listing the SDK sends is read again where the server lists in V1, everything else is the SDK's.
 */
export function routeCommand(direct: DirectSender, command: unknown, options: unknown, cb: unknown, sdkSend: SdkSend): Promise<unknown> {
  if (cb === undefined && typeof options !== 'function' && typeof command === 'object' && command !== null) {
    const abortSignal = (options as { abortSignal?: AbortSignal } | undefined)?.abortSignal;
    if (prepared.has(command)) {
      const spec = directSpec(command);
      if (spec && direct.accepts(spec)) return direct.send(spec, abortSignal, () => sdkSend(command, options));
    } else if (commandName(command) === 'ListObjectsV2Command') {
      return listThroughSdk(direct, command, abortSignal, () => sdkSend(command, options));
    }
  }
  return sdkSend(command, options, cb);
}

/**
 * Gives `client` the direct path for prepared object commands. Its `send`
 * is wrapped on the instance: every other command and caller is untouched.
 */
export function installDirectPath(
  client: S3Client,
  settings: ClientSettings,
  regionOf?: (bucket: string) => string | undefined,
  /** The client's own agents, when it reaches the endpoint without a proxy: requests then skip the SDK's handler too. */
  lean?: LeanAgents,
): void {
  const endpoint = directEndpoint(settings);
  if (!endpoint) return;
  const direct = new DirectSender(client.config as unknown as ResolvedConfig, endpoint, settings, regionOf, lean);
  const sdkSend = client.send.bind(client) as SdkSend;
  client.send = ((command: unknown, options?: unknown, cb?: unknown) =>
    routeCommand(direct, command, options, cb, sdkSend)) as S3Client['send'];
}
