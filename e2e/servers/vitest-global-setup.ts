// Vitest globalSetup for Ferry's "integration" project: starts the real S3
// servers once per run and hands their coordinates to tests via inject('s3Servers').
import type { TestProject } from 'vitest/node';
import { startTestServers, type TestServer } from './harness';

declare module 'vitest' {
  export interface ProvidedContext {
    s3Servers: TestServer[];
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const started = Date.now();
  const running = await startTestServers();
  const names = running.servers.map((s) => `${s.label} ${s.endpoint}`).join(', ');
  console.log(`[servers] ready in ${Date.now() - started} ms: ${names || 'none'}`);
  project.provide('s3Servers', running.servers);
  return () => running.stop();
}
