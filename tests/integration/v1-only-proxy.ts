/**
 * A reverse proxy in front of a real S3 server that lists like a server
 * which knows only the first version of ListObjects: a request with
 * `list-type=2` is answered as V1 would answer it, with `list-type`,
 * `continuation-token`, `start-after` and `fetch-owner` ignored (paging is
 * by `marker`, and a V1 page names no KeyCount). Every other request passes
 * untouched, V1 listings included, their signatures intact.
 *
 * A signed query cannot be changed on its way, so the proxy lists again
 * itself, unsigned: the bucket must let anyone list it
 * (`publicRead(…, { list: true })` in whole-answer-proxy.ts).
 */
import { createServer, request as httpRequest, type Server } from 'node:http';
import { listenLocal } from './listen-local';

export interface V1OnlyProxy {
  endpoint: string;
  /** V2 listings answered as V1 so far. */
  readonly v1Answers: number;
  close(): Promise<void>;
}

const V2_ONLY = ['list-type', 'continuation-token', 'start-after', 'fetch-owner'];
const SIGNING = ['x-amz-algorithm', 'x-amz-credential', 'x-amz-date', 'x-amz-signedheaders', 'x-amz-signature', 'x-id'];

export async function startV1OnlyProxy(upstream: string): Promise<V1OnlyProxy> {
  const target = new URL(upstream);
  let v1Answers = 0;
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://proxy');
    const v2 = req.method === 'GET' && url.searchParams.get('list-type') === '2';
    if (v2) for (const p of [...V2_ONLY, ...SIGNING]) url.searchParams.delete(p);
    const out = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: v2 ? `${url.pathname}${url.search}` : req.url,
        headers: v2 ? { host: req.headers.host } : req.headers,
      },
      (answer) => {
        if (v2 && answer.statusCode === 200) v1Answers++;
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
        answer.on('error', () => res.destroy());
      },
    );
    out.on('error', () => res.destroy());
    if (v2) {
      req.resume();
      out.end();
    } else req.pipe(out);
  });
  const { endpoint, close } = await listenLocal(server);
  return {
    endpoint,
    get v1Answers() {
      return v1Answers;
    },
    close,
  };
}
