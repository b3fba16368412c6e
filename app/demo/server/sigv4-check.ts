/**
 * Who sent a request: the demo server recomputes its SigV4 signature with
 * Ferry's own signer (app/s3/direct/prepared/sigv4.ts) over exactly the
 * headers the client says it signed, the path as it came on the wire and
 * the query decoded, and compares. The demo's keys are random per run, so
 * another local program cannot use the demo clouds by guessing.
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { LeanSigner } from '../../s3/direct/prepared/sigv4.js';
import { S3Error } from './s3-error.js';

export interface DemoKeys {
  accessKeyId: string;
  secretAccessKey: string;
}

/** SigV4 refuses a request signed more than 15 minutes away from the server's clock. */
const MAX_SKEW_MS = 15 * 60 * 1000;

const AUTH =
  /^AWS4-HMAC-SHA256 Credential=([^/,\s]+)\/(\d{8})\/([^/,\s]+)\/s3\/aws4_request,\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-f]{64})$/;

/** The query of a raw URL as the signer wants it: names and values decoded, repeated names as lists. */
export function decodedQuery(rawQuery: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  if (!rawQuery) return out;
  for (const pair of rawQuery.split('&')) {
    if (!pair) continue;
    const eq = pair.indexOf('=');
    const name = safeDecode(eq < 0 ? pair : pair.slice(0, eq));
    const value = eq < 0 ? '' : safeDecode(pair.slice(eq + 1));
    const had = out[name];
    out[name] = had === undefined ? value : Array.isArray(had) ? [...had, value] : [had, value];
  }
  return out;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    throw new S3Error('InvalidURI', 400, `Couldn't parse the specified URI: "${s.slice(0, 60)}" is not valid percent-encoding.`);
  }
}

/** `20261206T091700Z` → epoch ms, or NaN. */
function amzDateMs(s: string | undefined): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(s ?? '');
  if (!m) return NaN;
  const [y, mo, d, h, mi, s2] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  return Date.UTC(y, mo - 1, d, h, mi, s2);
}

function headerText(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v.join(',') : v;
}

export class SignatureCheck {
  readonly #signers = new Map<string, LeanSigner>();

  constructor(
    private readonly keys: DemoKeys,
    private readonly now: () => number = Date.now,
  ) {}

  /** Throws the S3 refusal when the request is not signed by the demo's key; returns nothing when it is. */
  verify(method: string, rawPath: string, rawQuery: string, headers: IncomingHttpHeaders): void {
    const query = decodedQuery(rawQuery);
    if ('X-Amz-Signature' in query || 'X-Amz-Credential' in query)
      throw new S3Error('AccessDenied', 403, "Presigned links are not accepted by Ferry's demo server; use the demo connection itself.");
    const auth = headerText(headers.authorization);
    if (!auth) throw new S3Error('AccessDenied', 403, 'Anonymous requests are not allowed: the demo clouds need their demo keys.');
    const m = AUTH.exec(auth.trim());
    if (!m) throw new S3Error('AuthorizationHeaderMalformed', 400, 'The authorization header is not a SigV4 (AWS4-HMAC-SHA256) header.');
    const [, accessKeyId, day, region, signedList, signature] = m as unknown as [string, string, string, string, string, string];
    if (accessKeyId !== this.keys.accessKeyId)
      throw new S3Error('InvalidAccessKeyId', 403, 'The access key ID you provided does not exist in our records.');
    const dateHeader = headerText(headers['x-amz-date']);
    const at = amzDateMs(dateHeader);
    if (!Number.isFinite(at) || dateHeader?.slice(0, 8) !== day)
      throw new S3Error('AccessDenied', 403, 'The request has no x-amz-date matching its credential scope.');
    if (Math.abs(this.now() - at) > MAX_SKEW_MS)
      throw new S3Error('RequestTimeTooSkewed', 403, "The difference between the request time and the server's time is too large.");
    const signed: Record<string, string> = {};
    for (const name of signedList.split(';')) {
      if (name === 'x-amz-date') continue; // the signer writes it from `at`
      const value = headerText(headers[name]);
      if (value === undefined) throw new S3Error('AccessDenied', 403, `The signed header ${name} is missing from the request.`);
      signed[name] = value;
    }
    let signer = this.#signers.get(region);
    if (!signer) this.#signers.set(region, (signer = new LeanSigner(region)));
    // The signer signs every header it is given: hand it exactly the signed ones (it skips the hop-by-hop names itself).
    const req = { method, path: rawPath, query, headers: signed };
    signer.sign(req, { accessKeyId, secretAccessKey: this.keys.secretAccessKey }, at);
    const expected = /Signature=([0-9a-f]{64})$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
    const ours = /SignedHeaders=([^,]+),/.exec(req.headers.authorization ?? '')?.[1];
    if (ours !== signedList || expected.length !== signature.length || !timingSafeEqual(Buffer.from(expected), Buffer.from(signature)))
      throw new S3Error(
        'SignatureDoesNotMatch',
        403,
        'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
      );
  }
}
