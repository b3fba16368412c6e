import type { TestServer } from '../servers/harness';

/** The servers the global setup started, as handed to the workers. */
export function testServers(): TestServer[] {
  const raw = process.env.FERRY_TEST_SERVERS;
  if (!raw) throw new Error('FERRY_TEST_SERVERS is not set: run these specs through playwright.config.ts');
  return JSON.parse(raw) as TestServer[];
}

/** Two different servers make a true cross-cloud copy; MinIO and versitygw when both run. */
export function twoDifferentServers(): [TestServer, TestServer] {
  const all = testServers();
  const a = all.find((s) => s.kind === 'minio') ?? all[0];
  const b = all.find((s) => s.kind !== a?.kind && s.kind === 'versitygw') ?? all.find((s) => s.kind !== a?.kind);
  if (!a || !b) throw new Error(`two different S3 servers are needed, found ${all.map((s) => s.kind).join(', ') || 'none'}`);
  return [a, b];
}

/** One server for a spec that needs any: MinIO when it runs. */
export function oneServer(): TestServer {
  const all = testServers();
  const s = all.find((x) => x.kind === 'minio') ?? all[0];
  if (!s) throw new Error('no S3 server was started');
  return s;
}
