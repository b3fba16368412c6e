/**
 * A proxy in front of a real S3 server that lists like a server which knows
 * only the first version of ListObjects: a request with `list-type=2` is
 * answered as V1 would answer it, with `list-type`, `continuation-token`,
 * `start-after` and `fetch-owner` ignored (paging is by `marker`, and a V1
 * page names no KeyCount). Every other request passes untouched, V1
 * listings included. The bucket must let anyone list it
 * (`publicRead(…, { list: true })`).
 */
import { startUnsignedProxy, type RunningProxy } from './unsigned-proxy';

const V2_ONLY = ['list-type', 'continuation-token', 'start-after', 'fetch-owner'];
const SIGNING = ['x-amz-algorithm', 'x-amz-credential', 'x-amz-date', 'x-amz-signedheaders', 'x-amz-signature', 'x-id'];

/** `rewritten` counts the V2 listings answered as V1. */
export function startV1OnlyProxy(upstream: string): Promise<RunningProxy> {
  return startUnsignedProxy(upstream, (req, url) => {
    if (req.method !== 'GET' || url.searchParams.get('list-type') !== '2') return undefined;
    for (const p of [...V2_ONLY, ...SIGNING]) url.searchParams.delete(p);
    return { path: `${url.pathname}${url.search}`, headers: { host: req.headers.host } };
  });
}
