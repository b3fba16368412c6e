// Builds Ferry and starts the real S3 servers once for every Playwright
// project; workers read the servers from FERRY_TEST_SERVERS.
import { execFileSync } from 'node:child_process';
import { startTestServers } from './servers/harness';

export default async function globalSetup(): Promise<() => Promise<void>> {
  execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
  const running = await startTestServers();
  process.env.FERRY_TEST_SERVERS = JSON.stringify(running.servers);
  return () => running.stop();
}
