// The remote variants of the benchmark (W1r, W2r, W5r, W6r) put every tool
// behind Toxiproxy with added latency. This checks, on the real MinIO and
// Toxiproxy, that a tool is pointed at the proxy and not at the server, that
// its work through the proxy is verified like any other run, and that the
// benchmark's own seeding and verifying still go straight to the server.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startToxiproxy, type Toxiproxy } from '../../e2e/servers/toxiproxy';
import { QUICK_SIZES } from '../../bench/lib/options';
import { forgetClients } from '../../bench/lib/remote';
import { behindProxy } from '../../bench/lib/remote-workloads';
import { runWorkload } from '../../bench/lib/runner';
import { bareSdkTool } from '../../bench/lib/tools/bare-sdk';
import { own } from '../../bench/lib/tools/types';
import { selectWorkloads, type WorkloadContext } from '../../bench/lib/workloads';
import { server } from './support';

const minio = server('minio');
let toxiproxy: Toxiproxy | undefined;
let skipReason = '';

describe.skipIf(!minio)('benchmark remote variants', () => {
  let work: string;

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'ferry-bench-remote-'));
    const started = await startToxiproxy();
    if ('skip' in started) skipReason = started.skip;
    else toxiproxy = started;
  });

  afterAll(async () => {
    forgetClients();
    await toxiproxy?.stop();
    await rm(work, { recursive: true, force: true });
  });

  it('runs W1r through a proxy with latency both ways, verified against the server itself', async (t) => {
    if (!toxiproxy || !minio) return t.skip(skipReason || 'no MinIO');
    const direct = { name: 'minio', server: minio };
    const a = await behindProxy(toxiproxy, `remote-test-${Date.now()}`, direct, 25);
    expect(a.server.endpoint).not.toBe(minio.endpoint);
    expect(own(a)).toBe(minio);

    const [w1r] = selectWorkloads(['W1R']);
    if (!w1r) throw new Error('no W1r');
    const ctx: WorkloadContext = { a, b: a, sizes: { ...QUICK_SIZES, smallCount: 12 }, seed: 'remote', dataDir: join(work, 'data') };
    await w1r.prepare(ctx);
    const tool = bareSdkTool();
    // What the tool is told to connect to: the proxy's endpoint, never the server's.
    const setup = await w1r.setup(ctx, 'probe', work);
    const plan = tool.plan(
      setup.op,
      { name: 'default', tuned: { inFlight: 4, partBytes: 8 * 1024 * 1024 } },
      { scratch: work, baseEnv: {} },
    );
    await setup.cleanup();
    if ('unsupported' in plan) throw new Error(plan.unsupported);
    expect(plan.steps[0]?.env.FERRY_MINIO_ENDPOINT).toBe(a.server.endpoint);

    const [result] = await runWorkload(w1r, ctx, [tool], {
      budgets: ['default'],
      tuned: { inFlight: 4, partBytes: 8 * 1024 * 1024 },
      runs: 1,
      warmups: 0,
      timeoutSeconds: 120,
      runDir: join(work, 'runs'),
      log: () => undefined,
    });
    expect(result?.id).toBe('W1r');
    expect(result?.title).toBe('upload 12 × 4 KiB, 25 ms each way');
    expect(result?.cells[0]?.runs[0]).toMatchObject({ correct: true, exit_code: 0, actual: { count: 12, bytes: 12 * 4096 } });
  });
});
