// A compare of two 200,000-key locations in bounded memory: MinIO against a
// local folder, through the real `ferry diff`, with the process's peak RSS
// read from /proc while it runs. Reported, and held to a generous bound.
import { readFile } from 'node:fs/promises';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../../e2e/servers/harness';
import { createBucket, server, uniqueBucket } from './support';
import { bulkPut } from './bulk-put';
import { buildCli, cliEnv, spawnCli } from './transfer-support';

const KEYS = 200_000;
const minio = server('minio');
const linux = process.platform === 'linux';
let cli = '';
beforeAll(async () => {
  cli = await buildCli();
}, 60_000);

async function peakRss(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
}

describe.runIf(minio && linux)('compare at scale', () => {
  it(`compares ${KEYS.toLocaleString('en')} keys on each side with the core under 300 MB`, { timeout: 900_000 }, async () => {
    const s = minio as TestServer;
    const dir = await mkdtemp(path.join(tmpdir(), 'ferry-scale-'));
    // 200,000 small files take ~800 MB of disk: removed whatever the outcome, or every run leaves them behind.
    try {
      const src = path.join(dir, 'keys');
      const bucket = uniqueBucket('scale');
      await createBucket(s, bucket);
      // 200 folders of 1,000 one-byte files: the layout of a real tree, and a fast one to write.
      const name = (d: number, i: number) => `d${String(d).padStart(3, '0')}/k${String(i).padStart(4, '0')}`;
      const writeFolder = async () => {
        for (let d = 0; d < KEYS / 1000; d++) {
          await mkdir(path.join(src, name(d, 0), '..'), { recursive: true });
          await Promise.all(Array.from({ length: 1000 }, (_, i) => writeFile(path.join(src, name(d, i)), String(i % 10))));
        }
      };
      // The same keys and bytes PUT straight to the server: the compare is what this test measures, not a copy of
      // 200,000 objects through Ferry's job machinery. The folder is written after, so each file is newer than its
      // object and the compare takes it for a copy (as it would after a sync) instead of reading 200,000 files.
      const objects = Array.from({ length: KEYS }, (_, n): [string, string] => [
        `keys/${name(Math.floor(n / 1000), n % 1000)}`,
        String(n % 10),
      ]);
      const seedStarted = Date.now();
      const put = await bulkPut(s, bucket, objects);
      await writeFolder();
      console.log(`[scale] seeded ${KEYS} objects (${put}) and files in ${((Date.now() - seedStarted) / 1000).toFixed(1)} s`);
      const env = { FERRY_DATA_DIR: path.join(dir, 'data'), ...cliEnv('cloud', s) };

      // The heap is capped well under the bound: a compare that held keys would run out of it and
      // fail here, whatever the machine's load does to the garbage collector's pace (on a busy
      // machine an uncapped heap grows lazily, and RSS then says more about the load than about Ferry).
      const { child, done } = spawnCli(cli, ['diff', `cloud:${bucket}/keys/`, src], env, ['--max-old-space-size=160']);
      let peak = 0;
      const sampler = setInterval(() => void peakRss(child.pid as number).then((b) => (peak = Math.max(peak, b))), 100);
      const started = Date.now();
      const { code, stdout, stderr } = await done;
      clearInterval(sampler);
      const seconds = (Date.now() - started) / 1000;
      console.log(`[scale] ferry diff of ${KEYS} keys each side: ${seconds.toFixed(1)} s, peak RSS ${(peak / 2 ** 20).toFixed(0)} MiB`);
      expect([code, stdout]).toEqual([0, '']);
      expect(stderr).toContain(`${KEYS} same`);
      expect(peak).toBeGreaterThan(0);
      expect(peak).toBeLessThan(300 * 1024 * 1024);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
