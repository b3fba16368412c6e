/** Shared pieces for integration tests: a core wired to the real test servers, and direct SDK access to seed and check. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import type { CallName } from '../../app/api/contract';
import type { JobSnapshot } from '../../app/api/types';
import type { CallOutcome } from '../../app/api/wire';
import { createCore, type FerryCore } from '../../app/core/ferry-core';
import type { ServerKind, TestServer } from '../../e2e/servers/harness';

export { createBucket, objectBytes, putObject, sdkClient, sha256, uniqueBucket } from '../../e2e/servers/s3-direct';

export function servers(): TestServer[] {
  return inject('s3Servers');
}

export function server(kind: ServerKind): TestServer | undefined {
  return servers().find((s) => s.kind === kind);
}

export async function expectOk<T>(outcome: Promise<CallOutcome>): Promise<T> {
  const out = await outcome;
  if (!out.ok) throw new Error(`call failed: ${out.error.code}: ${out.error.message}`);
  return out.value as T;
}

export class CoreUnderTest {
  readonly core: FerryCore;
  readonly events: { name: string; payload: unknown }[] = [];

  constructor(homeDir = tmpdir()) {
    this.core = createCore({ shell: 'serve', homeDir, userDataDir: mkdtempSync(path.join(tmpdir(), 'ferry-data-')) });
    this.core.events.subscribe((name, payload) => this.events.push({ name, payload }));
  }

  call<T>(method: CallName, args: unknown): Promise<T> {
    return expectOk<T>(this.core.dispatch(method, args));
  }

  async connect(s: TestServer): Promise<string> {
    const added = await this.call<{ id: string }>('connections.add', {
      label: s.label,
      endpoint: s.endpoint,
      region: s.region,
      accessKeyId: s.accessKeyId,
      secretAccessKey: s.secretAccessKey,
      pathStyle: true,
    });
    return added.id;
  }

  /** Resolves with the job's final snapshot, from the pushed events alone. */
  finished(jobId: string, timeoutMs = 60_000): Promise<JobSnapshot> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`job ${jobId} did not finish in ${timeoutMs} ms`)), timeoutMs);
      const check = (job: JobSnapshot) => {
        if (job.id === jobId && (job.state === 'done' || job.state === 'failed' || job.state === 'cancelled')) {
          clearTimeout(timer);
          off();
          resolve(job);
        }
      };
      const off = this.core.events.subscribe((name, payload) => {
        if (name === 'transfer.progress') for (const job of payload as JobSnapshot[]) check(job);
      });
      for (const e of this.events) if (e.name === 'transfer.progress') for (const job of e.payload as JobSnapshot[]) check(job);
    });
  }

  dispose(): void {
    this.core.dispose();
  }
}
