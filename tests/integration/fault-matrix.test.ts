// The fault matrix, quick tier: every operation under resets, a stalled
// body, 503 SlowDown, revoked credentials, a full disk, kill -9 and a torn
// journal line (fault-table.ts). Latency and bandwidth, which take their
// time by design, are fault-matrix-slow.test.ts.
import { FAULTS } from './fault-kinds';
import { faultTable } from './fault-table';

const SLOW = new Set(['5 s latency', '1 MB/s bandwidth']);

faultTable(
  FAULTS.filter((f) => !SLOW.has(f.name)),
  'fault-matrix.test.ts',
  120_000,
);
