/** Seeding for the manage tests: many small keys, sixteen PUTs at a time (a folder marker holds no bytes). */
import type { TestServer } from '../../e2e/servers/harness';
import { putObject } from './support';

export async function seedKeys(s: TestServer, bucket: string, keys: string[], body = (k: string) => Buffer.from(k)): Promise<void> {
  const queue = [...keys];
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      for (let key = queue.shift(); key !== undefined; key = queue.shift()) {
        await putObject(s, bucket, key, key.endsWith('/') ? Buffer.alloc(0) : body(key));
      }
    }),
  );
}
