// The command line's S3 clients get as many sockets as the transfer keeps
// objects in flight, when the user left the socket cap at its default. The
// CLI once built its clients from the settings given on the command line
// only, so the agent kept its own cap of 64 and requests beyond that queued
// in it: behind a cloud's round trip, uploads ran 40 % slower than the items
// in flight allowed. Each PUT is held at the proxy, so requests overlap as
// they do across a real round trip, and the proxy counts how many are open
// at once.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../../e2e/servers/harness';
import { startFaultProxy, type FaultProxy } from './fault-proxy';
import { createBucket, sdkClient, servers, uniqueBucket } from './support';
import { buildCli, cliEnv, listKeys, runCli } from './transfer-support';

const [server] = servers() as [TestServer | undefined];
const FILES = 400;
const OBJECTS = 96;
const HOLD_MS = 80;

let cli = '';
let dir = '';
let proxy: FaultProxy | undefined;
beforeAll(async () => {
  cli = await buildCli();
  dir = await mkdtemp(path.join(tmpdir(), 'ferry-cli-sockets-'));
}, 60_000);
afterAll(async () => {
  await proxy?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe.runIf(server)('ferry cp: sockets follow the objects in flight', () => {
  it(`keeps ${OBJECTS} uploads open at once when --objects ${OBJECTS} is given without --sockets`, { timeout: 90_000 }, async () => {
    const s = server as TestServer;
    proxy = await startFaultProxy(s.endpoint);
    let open = 0;
    let peak = 0;
    proxy.hold = (r) => {
      if (r.method !== 'PUT') return undefined;
      open++;
      peak = Math.max(peak, open);
      return new Promise<void>((resolve) =>
        setTimeout(() => {
          open--;
          resolve();
        }, HOLD_MS),
      );
    };
    const src = path.join(dir, 'src');
    await mkdir(src);
    for (let i = 0; i < FILES; i++) await writeFile(path.join(src, `f${String(i).padStart(4, '0')}`), `object ${i}`);
    const bucket = uniqueBucket('clisockets');
    await createBucket(s, bucket);
    const env = { FERRY_DATA_DIR: path.join(dir, 'data'), ...cliEnv('held', s, proxy.endpoint) };

    const run = await runCli(cli, ['cp', '-r', '--objects', String(OBJECTS), `${src}/`, `held:${bucket}/`], env);

    expect(run.code, run.stderr).toBe(0);
    expect((await listKeys(sdkClient(s), bucket)).length).toBe(FILES);
    // Every upload is held for HOLD_MS, so the objects in flight pile up at the proxy unless the client's
    // agent makes them wait for a socket; 64 was the agent's own cap.
    expect(peak).toBeGreaterThan(64);
    expect(peak).toBeLessThanOrEqual(OBJECTS);
  });
});
