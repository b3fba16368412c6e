/**
 * SigV4 for the direct path, built for the one shape of request it sends.
 * The SDK's signer is general (any service, presigning, event streams) and
 * spends ~23 µs per request cloning the request, normalising every header
 * and awaiting a hash object per step; on a folder of small files that is a
 * measurable share of Ferry's CPU per object. Here the day's signing key is
 * kept until the date, region or secret changes, the canonical request is
 * one string built in a single pass, and only two digests are computed per
 * request. tests/unit/sigv4.test.ts proves the Authorization it writes is
 * byte-for-byte the SDK's for the same request.
 */
import { createHash, createHmac } from 'node:crypto';
import { escapeUri } from '../../../base/uri-escape.js';

export interface SigningCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string | undefined;
}

export interface SignableRequest {
  method: string;
  /** The path exactly as sent (keys already encoded once). */
  path: string;
  query?: Record<string, string | string[] | null | undefined> | undefined;
  /** Lower-case names; the caller's own object, which gains x-amz-date, the token and authorization. */
  headers: Record<string, string>;
}

/** Headers a proxy or the HTTP stack may change on the way: never part of the signature (as the SDK decides). */
const UNSIGNED = new Set([
  'authorization',
  'cache-control',
  'connection',
  'expect',
  'from',
  'keep-alive',
  'max-forwards',
  'pragma',
  'referer',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'user-agent',
  'x-amzn-trace-id',
]);

function canonicalQuery(query: SignableRequest['query']): string {
  if (!query) return '';
  const names = Object.keys(query);
  if (names.length === 0) return '';
  // Sorted by encoded name; a name with several values has them sorted as encoded pairs; other values are not signed.
  const parts: [string, string][] = [];
  for (const name of names) {
    if (name.toLowerCase() === 'x-amz-signature') continue;
    const value = query[name];
    const key = escapeUri(name);
    if (typeof value === 'string') parts.push([key, `${key}=${escapeUri(value)}`]);
    else if (Array.isArray(value) && value.length > 0)
      parts.push([
        key,
        value
          .map((v) => `${key}=${escapeUri(v)}`)
          .sort()
          .join('&'),
      ]);
  }
  parts.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return parts.map((p) => p[1]).join('&');
}

/** One header value as SigV4 canonicalises it: line breaks to spaces, runs of blanks to one, ends trimmed. */
function canonicalValue(v: string): string {
  return /[\r\n\t]| {2}|^ | $/.test(v)
    ? v
        .replace(/[\r\n]/g, ' ')
        .replace(/[ \t]+/g, ' ')
        .replace(/^ | $/g, '')
    : v;
}

function hmac(key: string | Buffer, data: string): Buffer {
  return createHmac('sha256', key).update(data).digest();
}

let datesSecond = NaN;
let datesOfSecond = { long: '', short: '' };

/** `20261206T091700Z` and `20261206` for a moment; a transfer signs hundreds of requests a second, so the last second's are kept. */
function amzDates(ms: number): { long: string; short: string } {
  const second = Math.floor(ms / 1000);
  if (second === datesSecond) return datesOfSecond;
  const iso = new Date(second * 1000).toISOString();
  const long = `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}T${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`;
  datesSecond = second;
  datesOfSecond = { long, short: long.slice(0, 8) };
  return datesOfSecond;
}

export class LeanSigner {
  #keyFor = '';
  #key: Buffer | null = null;

  constructor(
    private readonly region: string,
    private readonly service = 's3',
  ) {}

  /** The signing key for a day; derived once per (secret, day, region). */
  #signingKey(secret: string, day: string): Buffer {
    const id = `${day}\n${secret}`;
    if (this.#key && this.#keyFor === id) return this.#key;
    const k = hmac(hmac(hmac(hmac(`AWS4${secret}`, day), this.region), this.service), 'aws4_request');
    this.#key = k;
    this.#keyFor = id;
    return k;
  }

  /** Adds x-amz-date, the session token (if any) and authorization to `req.headers`. */
  sign(req: SignableRequest, credentials: SigningCredentials, atMs: number): void {
    const { long, short } = amzDates(atMs);
    const headers = req.headers;
    headers['x-amz-date'] = long;
    if (credentials.sessionToken) headers['x-amz-security-token'] = credentials.sessionToken;
    const names: string[] = [];
    for (const name of Object.keys(headers)) {
      if (UNSIGNED.has(name) || name.startsWith('proxy-') || name.startsWith('sec-')) continue;
      names.push(name);
    }
    names.sort();
    let canonicalHeaders = '';
    for (const name of names) canonicalHeaders += `${name}:${canonicalValue(headers[name] as string)}\n`;
    const signedHeaders = names.join(';');
    const payload = headers['x-amz-content-sha256'] ?? 'UNSIGNED-PAYLOAD';
    const canonical = `${req.method}\n${req.path}\n${canonicalQuery(req.query)}\n${canonicalHeaders}\n${signedHeaders}\n${payload}`;
    const scope = `${short}/${this.region}/${this.service}/aws4_request`;
    const toSign = `AWS4-HMAC-SHA256\n${long}\n${scope}\n${createHash('sha256').update(canonical).digest('hex')}`;
    const signature = createHmac('sha256', this.#signingKey(credentials.secretAccessKey, short)).update(toSign).digest('hex');
    headers.authorization = `AWS4-HMAC-SHA256 Credential=${credentials.accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
  }
}
