// The fault matrix's slow tier: every operation over a link with 5 s of
// latency on each answer, and over one of 1 MB/s each way (fault-table.ts).
import { FAULTS } from './fault-kinds';
import { faultTable } from './fault-table';

const SLOW = new Set(['5 s latency', '1 MB/s bandwidth']);

faultTable(
  FAULTS.filter((f) => SLOW.has(f.name)),
  'fault-matrix-slow.test.ts',
  180_000,
);
