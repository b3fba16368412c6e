/**
 * Connections dialled ahead of need (app/s3/requests/spare-connections.ts):
 * a server that closes every connection gets requests on sockets connected
 * beforehand, a keep-alive server never does, and a reserve socket the
 * server closed while it waited never fails a request. Mechanics on small
 * local HTTP servers; the real habit on versitygw (closes each connection)
 * and MinIO (keeps them alive) through Ferry's own S3 client.
 */
import { PutObjectCommand, HeadObjectCommand } from '@aws-sdk/client-s3';
import { Agent, createServer, request, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { buildS3Client } from '../../app/s3/client-factory';
import { allowDirect } from '../../app/s3/direct/prepared/sender';
import { keepSpareConnections, spareStatsOf } from '../../app/s3/requests/spare-connections';
import { createBucket, server, uniqueBucket } from './support';

interface Local {
  url: string;
  connections: () => number;
  close: () => Promise<void>;
}

/** An HTTP server answering "ok"; `closeEach` adds Connection: close; `idleKillMs` drops connections idle that long. */
async function localServer(opts: { closeEach: boolean; idleKillMs?: number }): Promise<Local> {
  let connections = 0;
  const sockets = new Set<Socket>();
  const srv: Server = createServer((req, res) => {
    req.resume();
    res.writeHead(200, { 'content-length': '2', ...(opts.closeEach ? { connection: 'close' } : {}) });
    res.end('ok');
  });
  srv.on('connection', (s) => {
    connections++;
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    if (opts.idleKillMs) s.setTimeout(opts.idleKillMs, () => s.destroy());
  });
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const { port } = srv.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    connections: () => connections,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => srv.close(() => r()));
    },
  };
}

function get(agent: Agent, url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}/x`, { agent }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => resolve(body));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

describe('connections dialled ahead', () => {
  it('serve requests to a server that closes every connection', async () => {
    const srv = await localServer({ closeEach: true });
    cleanups.push(srv.close);
    const agent = new Agent({ keepAlive: true, maxSockets: 16 });
    cleanups.push(async () => agent.destroy());
    const owner = {};
    keepSpareConnections(agent, owner);
    for (let round = 0; round < 10; round++) {
      const bodies = await Promise.all(Array.from({ length: 8 }, () => get(agent, srv.url)));
      expect(bodies).toEqual(Array(8).fill('ok'));
    }
    const [stats] = spareStatsOf(owner);
    expect(stats?.closing).toBe(true);
    // After learning (a few closes), most of the 80 requests ran on a socket connected before they asked.
    expect(stats?.used).toBeGreaterThan(50);
    // The reserve never runs away: every dialled connection but the reserve itself served a request.
    expect(srv.connections()).toBeLessThanOrEqual(80 + 8 + 1);
  });

  it('leave a keep-alive server alone', async () => {
    const srv = await localServer({ closeEach: false });
    cleanups.push(srv.close);
    const agent = new Agent({ keepAlive: true, maxSockets: 16 });
    cleanups.push(async () => agent.destroy());
    const owner = {};
    keepSpareConnections(agent, owner);
    for (let round = 0; round < 10; round++) await Promise.all(Array.from({ length: 8 }, () => get(agent, srv.url)));
    expect(spareStatsOf(owner)[0]).toEqual({ used: 0, closing: false });
    expect(srv.connections()).toBeLessThanOrEqual(8);
  });

  it('never hand out a reserve socket the server has closed while it waited', async () => {
    const srv = await localServer({ closeEach: true, idleKillMs: 30 });
    cleanups.push(srv.close);
    const agent = new Agent({ keepAlive: true, maxSockets: 16 });
    cleanups.push(async () => agent.destroy());
    const owner = {};
    keepSpareConnections(agent, owner);
    for (let i = 0; i < 12; i++) {
      expect(await get(agent, srv.url)).toBe('ok');
      // Longer than the server lets an idle connection live: every reserve socket is gone by the next request.
      await new Promise((r) => setTimeout(r, 80));
    }
    expect(spareStatsOf(owner)[0]?.closing).toBe(true);
  });
});

describe.each([
  ['versitygw', true],
  ['minio', false],
] as const)('Ferry’s S3 client on %s', (kind, closes) => {
  const s = server(kind);
  it.skipIf(!s)(`${closes ? 'dials connections ahead' : 'keeps connections alive and dials nothing ahead'}`, async () => {
    if (!s) return;
    const bucket = uniqueBucket(`spare-${kind}`);
    await createBucket(s, bucket);
    const client = buildS3Client(
      { endpoint: s.endpoint, region: s.region, pathStyle: true },
      { accessKeyId: s.accessKeyId, secretAccessKey: s.secretAccessKey },
      { direct: true, maxAttempts: 1 },
    );
    cleanups.push(async () => client.destroy());
    const body = Buffer.from('spare connection test');
    for (let round = 0; round < 6; round++) {
      await Promise.all(
        Array.from({ length: 6 }, async (_, i) => {
          const put = new PutObjectCommand({ Bucket: bucket, Key: `k${round}-${i}`, Body: body, ContentLength: body.length });
          allowDirect(put);
          await client.send(put);
          const head = new HeadObjectCommand({ Bucket: bucket, Key: `k${round}-${i}` });
          allowDirect(head);
          expect((await client.send(head)).ContentLength).toBe(body.length);
        }),
      );
    }
    const http = spareStatsOf(client).find((st) => st.closing || st.used > 0);
    if (closes) {
      expect(http?.closing).toBe(true);
      expect(http?.used).toBeGreaterThan(20);
    } else {
      expect(http).toBeUndefined();
    }
  });
});
