/**
 * The fault matrix as a table: every fault helper crossed with every
 * operation helper, each cell one test. A cell runs the operation under its
 * fault; if the run does not finish, the fault is lifted and the job resumed
 * as a user would, which must then finish. After the failed run nothing may
 * be lost or half-written under a final name; after the end the work must
 * be whole, with no multipart upload left open and no temporary file left.
 * Only then is the cell recorded (fault-matrix.ts) for docs/fault-matrix.md.
 */
import { describe, expect, it } from 'vitest';
import type { TestServer } from '../../e2e/servers/harness';
import { server } from './support';
import { faultRig } from './transfer-support';
import { Cell } from './fault-cell';
import type { Fault } from './fault-kinds';
import { OPERATIONS } from './fault-operations';
import { recordCell } from './fault-matrix';

export function faultTable(faults: Fault[], file: string, timeoutMs: number): void {
  // MinIO in CI; FERRY_FAULT_SERVER=versitygw runs the same table there (a cross-cloud copy then goes to MinIO).
  // s3rver is left out: it has no ListParts or ListMultipartUploads, so neither resuming nor counting open uploads applies.
  const kind = process.env.FERRY_FAULT_SERVER === 'versitygw' ? 'versitygw' : 'minio';
  const src = server(kind);
  const dst = server(kind === 'minio' ? 'versitygw' : 'minio');
  const rig = faultRig();
  const cells = faults.flatMap((fault) =>
    OPERATIONS.filter((op) => !fault.notApplicable?.(op)).map((op) => [`${op.name} × ${fault.name}`, op, fault] as const),
  );

  describe.runIf(src && dst).concurrent('the fault matrix', () => {
    it.for(cells)('%s', { timeout: timeoutMs }, async ([, op, fault], ctx) => {
      if (!rig.toxiproxy) return ctx.skip(rig.skipReason);
      const cell = new Cell(rig, op, src as TestServer, dst as TestServer);
      try {
        await cell.open(`${op.name}-${fault.name}`.replace(/[^a-z0-9]+/gi, '-'));
        const provoked = await fault.provoke(cell);
        expect(provoked.landed, `the fault reached the job\n${provoked.first.stderr}`).toBe(true);
        // Whatever the first run did, it lost nothing and left no partial file under a final name.
        const afterFirst = provoked.afterFirst ?? (await cell.seeded.verify());
        expect(afterFirst).toMatchObject({ bytesLost: 0, partialFiles: 0 });

        if (process.env.FERRY_FAULT_DEBUG) {
          const t0 = cell.seen()[0]?.at ?? 0;
          const lines = cell.seen().map((r) => `${r.at - t0} ${r.method} ${r.path}?${r.query.toString()} ${r.status} ${r.hostile ?? ''}`);
          console.log([provoked.first.stdout, provoked.first.stderr, ...lines].join('\n'));
        }
        if (fault.passing) expect(provoked.first.code, `a passing fault needs no resume\n${provoked.first.stderr}`).toBe(0);
        let resumed = provoked.resumed;
        if (provoked.first.code !== 0 && !resumed) {
          fault.lift?.(cell);
          resumed = await cell.resume();
        }
        if (resumed) expect(resumed.code, `the resume finished\n${resumed.stdout}\n${resumed.stderr}`).toBe(0);
        else expect(provoked.first.code, provoked.first.stderr).toBe(0);

        const end = await cell.seeded.verify(provoked.verifyAt);
        expect(end).toEqual({ complete: true, bytesLost: 0, orphanedUploads: 0, partialFiles: 0, strayFiles: 0 });
        const servers = op.crossCloud ? `${cell.src.label} → ${cell.dst.label}` : cell.src.label;
        recordCell({
          operation: op.name,
          fault: fault.name,
          server: servers,
          outcome: resumed ? 'resumable' : 'completed',
          bytesLost: end.bytesLost,
          orphanedUploads: end.orphanedUploads,
          partialFiles: end.partialFiles,
          test: file,
        });
      } finally {
        await cell.close();
      }
    });
  });
}
