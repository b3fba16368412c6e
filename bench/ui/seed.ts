/** The folder of N empty objects the UI bench lists, and the server's own time for its first page (L2's floor). */
import { ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import type { TestServer } from '../../e2e/servers/harness';
import { clientFor, pool } from '../lib/remote';
import { FOLDER, log } from './options';

const keyOf = (i: number) => `${FOLDER}obj-${String(i).padStart(7, '0')}.bin`;

/** Empty objects, many at a time; a put the busy server drops is sent again (a PUT of the same empty body is idempotent). */
export async function seedFolder(server: TestServer, bucket: string, keys: number): Promise<void> {
  const client = clientFor(server);
  const empty = Buffer.alloc(0);
  const batch = 50_000;
  const started = Date.now();
  for (let from = 0; from < keys; from += batch) {
    const names = Array.from({ length: Math.min(batch, keys - from) }, (_, i) => keyOf(from + i));
    await pool(names, 32, async (Key) => {
      for (let attempt = 1; ; attempt++) {
        try {
          await client.send(new PutObjectCommand({ Bucket: bucket, Key, Body: empty }));
          return;
        } catch (err) {
          if (attempt >= 6) throw err;
          await new Promise((r) => setTimeout(r, 200 * attempt));
        }
      }
    });
    log(`[ui-bench] seeded ${(from + names.length).toLocaleString('en-US')} keys (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  }
}

/**
 * The server's own share of L2: the same first-page request (prefix,
 * delimiter, 1,000 keys, url encoding) from a bare SDK client, median of 5.
 */
export async function serverFirstPageMs(server: TestServer, bucket: string): Promise<number> {
  const client = clientFor(server);
  const times: number[] = [];
  for (let i = 0; i < 6; i++) {
    const started = performance.now();
    await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: FOLDER, Delimiter: '/', MaxKeys: 1000, EncodingType: 'url' }));
    if (i > 0) times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)] ?? NaN;
}
