/**
 * The fault matrix's faults, one helper each. A helper provokes its fault
 * during a run of the cell's command and says whether the fault landed; a
 * fault the user can undo (space freed, credentials restored) is undone in
 * `lift` before the resume. Network faults are Toxiproxy toxics; answers no
 * real server gives on demand come from the hostile hop; the process faults
 * are a real SIGKILL and a journal cut mid-line.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { MatrixFault } from './fault-matrix';
import type { Operation } from './fault-operations';
import { BIG, type Verdict } from './fault-operations';
import { until, type Cell } from './fault-cell';
import type { CliRun } from './transfer-support';
import type { SeenRequest } from './fault-proxy';

export interface Provoked {
  first: CliRun;
  /** The fault reached the job (a run the fault missed proves nothing). */
  landed: boolean;
  /** Set when the helper resumed the job itself (inside the small file system). */
  resumed?: CliRun;
  /** Where the local destination ended up, when not where the operation put it. */
  verifyAt?: string;
  /** What the first run left, when it had to be checked before the resume the helper ran. */
  afterFirst?: Verdict;
}

export interface Fault {
  name: MatrixFault;
  /** A fault of the network or the server that passes: the job must ride it out in the same run, never asking the user. */
  passing?: true;
  /** Why the fault cannot happen to this operation, or undefined when it can. */
  notApplicable?(op: Operation): string | undefined;
  provoke(cell: Cell): Promise<Provoked>;
  lift?(cell: Cell): void;
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Resets every connection for a moment once `when` resolves. */
function reset(name: MatrixFault, at: 'start' | 'midway'): Fault {
  return {
    name,
    passing: true,
    async provoke(cell) {
      const toxic = { name: 'reset', type: 'reset_peer' as const, stream: 'downstream' as const, attributes: { timeout: 0 } };
      if (at === 'start') await cell.toxic(toxic);
      const release = at === 'midway' ? cell.holdOnceMidway() : () => {};
      const run = cell.start();
      if (at === 'midway') {
        await cell.midway();
        await cell.toxic(toxic);
        release();
      }
      // Long enough for requests to meet it (the first comes once ferry has started); short enough for retries to outlast it.
      await until(() => cell.seen().length > 0, 30_000);
      await until(() => cell.upstreamErrors() >= 2, 3_000);
      await pause(300);
      await cell.untoxic('reset');
      const first = await run.done;
      return { first, landed: cell.upstreamErrors() > 0 };
    },
  };
}

const resetAtEnd: Fault = {
  name: 'reset at end',
  passing: true,
  async provoke(cell) {
    let fired = false;
    cell.rule((r, seen) => {
      if (fired || !cell.seeded.isEnd(r, seen)) return 'pass';
      fired = true;
      return cell.seeded.endHow;
    });
    const first = await cell.start().done;
    return { first, landed: cell.seen().some((r) => r.hostile === 'dropped' || r.hostile === 'cut') };
  },
};

const stall: Fault = {
  name: 'stalled body',
  passing: true,
  async provoke(cell) {
    cell.flags = ['--idle-timeout', '1'];
    const run = cell.start();
    await cell.midway();
    // Nothing more comes back, on connections open or new, until the toxic goes.
    await cell.toxic({ name: 'stall', type: 'timeout', stream: 'downstream', attributes: { timeout: 0 } });
    await pause(2_500);
    await cell.untoxic('stall');
    const first = await run.done;
    return { first, landed: true };
  },
};

const latency: Fault = {
  name: '5 s latency',
  passing: true,
  async provoke(cell) {
    // The idle timeout must outlast the latency, as a user on such a link would set it; more requests
    // in flight is what pays on a long link (and keeps the cell short).
    cell.flags = ['--idle-timeout', '15', '--batches', '8', '--parts', '4', '--objects', '4'];
    await cell.toxic({ name: 'latency', type: 'latency', stream: 'downstream', attributes: { latency: 5_000, jitter: 0 } });
    const first = await cell.start().done;
    return { first, landed: true };
  },
};

const bandwidth: Fault = {
  name: '1 MB/s bandwidth',
  passing: true,
  async provoke(cell) {
    // Toxiproxy's rate is in KB/s; each direction gets 1 MB/s.
    await cell.toxic({ name: 'down', type: 'bandwidth', stream: 'downstream', attributes: { rate: 1000 } });
    await cell.toxic({ name: 'up', type: 'bandwidth', stream: 'upstream', attributes: { rate: 1000 } });
    const first = await cell.start().done;
    return { first, landed: true };
  },
};

const slowDown: Fault = {
  name: '503 SlowDown',
  passing: true,
  async provoke(cell) {
    const release = cell.holdOnceMidway();
    const run = cell.start();
    await cell.midway();
    let refused = 0;
    cell.rule(() => (refused++ < 4 ? 'slowdown' : 'pass'));
    release();
    const first = await run.done;
    // Retry-After: 1 is obeyed: no refused request is sent again sooner than a second after its answer.
    const seen = cell.seen();
    const refusals = seen.filter((r) => r.hostile === 'slowdown');
    const same = (a: SeenRequest, b: SeenRequest) =>
      a.method === b.method && a.path === b.path && a.query.toString() === b.query.toString();
    const waited = refusals.map((r) => {
      const again = seen.find((n) => n.at > (r.answeredAt ?? r.at) && same(n, r));
      return again ? again.at - (r.answeredAt ?? r.at) : Infinity;
    });
    if (!waited.some(Number.isFinite)) throw new Error('no request refused with 503 was sent again');
    if (waited.some((ms) => ms < 950))
      throw new Error(`a request refused with Retry-After: 1 was sent again after ${Math.min(...waited)} ms`);
    return { first, landed: refusals.length > 0 };
  },
};

const revoked: Fault = {
  name: '403 revoked',
  async provoke(cell) {
    const release = cell.holdOnceMidway();
    const run = cell.start();
    await cell.midway();
    cell.rule(() => 'revoked');
    release();
    const first = await run.done;
    return { first, landed: cell.seen().some((r) => r.hostile === 'revoked') };
  },
  lift(cell) {
    // The user puts a valid key back; the job is resumed with it.
    cell.rule(() => 'pass');
  },
};

/**
 * Kills the job mid-way. On loopback the whole operation can end between two looks at the traffic (every 25 ms),
 * and a kill after the end proves nothing: a fresh checkout's CI run found download, move and server-side copy
 * finished (their journals already gone) before the kill. So the link is slowed while the job runs (every
 * request waits, bodies move at 1 MB/s per connection), and restored for the resume where Toxiproxy lets it.
 */
async function kill(cell: Cell): Promise<CliRun> {
  await cell.toxic({ name: 'kill-wait', type: 'latency', stream: 'downstream', attributes: { latency: 300, jitter: 0 } });
  await cell.toxic({ name: 'kill-down', type: 'bandwidth', stream: 'downstream', attributes: { rate: 1000 } });
  await cell.toxic({ name: 'kill-up', type: 'bandwidth', stream: 'upstream', attributes: { rate: 1000 } });
  const run = cell.start();
  try {
    await cell.midway();
    run.child.kill('SIGKILL');
    return await run.done;
  } finally {
    // Toxiproxy can time out removing a latency toxic from a link whose client was just killed: the resume then
    // runs on the slow link, which only makes it slower.
    for (const name of ['kill-down', 'kill-up', 'kill-wait']) await cell.untoxic(name).catch(() => undefined);
  }
}

const killed: Fault = {
  name: 'kill -9',
  async provoke(cell) {
    const first = await kill(cell);
    return { first, landed: first.signal === 'SIGKILL' };
  },
};

const tornJournal: Fault = {
  name: 'torn journal line',
  notApplicable: (op) => (op.journaled ? undefined : 'ferry rm keeps no journal: running it again is its resume (kill -9 covers that)'),
  async provoke(cell) {
    const first = await kill(cell);
    // The write the kill interrupted: the last line loses its second half and its newline.
    const dir = path.join(cell.env.FERRY_DATA_DIR ?? '', 'cli-transfers');
    const files = (await readdir(dir, { recursive: true })).filter((f) => f.endsWith('.jsonl'));
    if (files.length !== 1) throw new Error(`expected one journal in ${dir}, found ${files.join(', ') || 'none'}`);
    const file = path.join(dir, files[0] as string);
    const text = await readFile(file, 'utf8');
    const lines = text.trimEnd().split('\n');
    const last = lines.pop() as string;
    await writeFile(file, [...lines, last.slice(0, Math.ceil(last.length / 2))].join('\n'));
    return { first, landed: first.signal === 'SIGKILL' && lines.length > 0 };
  },
};

let canMount: boolean | undefined;
/** A user namespace may mount a tmpfs of its own without root; not every machine allows it. */
export function tmpfsAvailable(): boolean {
  canMount ??= spawnSync('unshare', ['-rm', 'sh', '-c', 'mount -t tmpfs -o size=1m tmpfs /mnt'], { stdio: 'ignore' }).status === 0;
  return canMount;
}

/**
 * A full disk: the local destination on a 16 MiB tmpfs filled until only
 * the big object and 60 KiB are free. Each object alone passes Ferry's free
 * space check; together they do not fit, so one write meets ENOSPC part-way
 * (or the check refuses the last one, whichever the order of the objects). The tmpfs lives only inside its namespace,
 * so the whole story runs in one shell there: the run, a copy of what it
 * left (checked while the shell waits, before anything is resumed), the
 * filler removed (the user frees space), the resume, a copy of the result.
 */
const diskFull: Fault = {
  name: 'disk full',
  notApplicable: (op) => (op.writesLocally ? undefined : 'writes no file on the local disk (only the journal, a few KB)'),
  async provoke(cell) {
    if (!tmpfsAvailable() || process.env.FERRY_FAULT_DISK === 'ulimit') return fileSizeLimit(cell);
    const dest = cell.seeded.localDest as string;
    const out = (f: string) => path.join(cell.dir, f);
    await mkdir(out('after-first'), { recursive: true });
    await mkdir(out('after-resume'), { recursive: true });
    const node = process.execPath;
    const q = (s: string) => `'${s.replaceAll("'", `'\\''`)}'`;
    const cmd = (args: string[]) => [node, cell.rig.cli, ...args].map(q).join(' ');
    const script = [
      `mount -t tmpfs -o size=16m tmpfs ${q(dest)} || exit 97`,
      `head -c ${16 * 1024 * 1024 - BIG - 60 * 1024} /dev/zero > ${q(path.join(dest, '.filler'))} 2>/dev/null`,
      `${cmd(cell.argv())} > ${q(out('first.out'))} 2> ${q(out('first.err'))}; echo $? > ${q(out('first.rc'))}`,
      `rm ${q(path.join(dest, '.filler'))}`,
      `cp -a ${q(dest)}/. ${q(out('after-first'))}/`,
      `touch ${q(out('first.done'))}`,
      `while [ ! -e ${q(out('go'))} ]; do sleep 0.1; done`,
      `${cmd(cell.argv(['resume', '--all']))} > ${q(out('resume.out'))} 2> ${q(out('resume.err'))}; echo $? > ${q(out('resume.rc'))}`,
      `cp -a ${q(dest)}/. ${q(out('after-resume'))}/`,
    ].join('\n');
    const env = { ...cell.env, PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: cell.dir };
    const child = spawn('unshare', ['-rm', 'bash', '-c', script], { env, stdio: 'ignore' });
    const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
    let exited = false;
    void closed.then(() => (exited = true));
    await until(() => existsSync(out('first.done')) || exited, 120_000);
    // The first run's leftovers, checked while the source is still as that run left it.
    const afterFirst = await cell.seeded.verify(out('after-first'));
    await writeFile(out('go'), '');
    const code = await closed;
    if (code !== 0) throw new Error(`the tmpfs shell failed (${code})`);
    const read = async (name: string): Promise<CliRun> => ({
      code: Number((await readFile(out(`${name}.rc`), 'utf8')).trim()),
      signal: null,
      stdout: await readFile(out(`${name}.out`), 'utf8'),
      stderr: await readFile(out(`${name}.err`), 'utf8'),
    });
    const first = await read('first');
    return {
      first,
      landed: /ENOSPC|no space|disk is full|not enough space|free/i.test(first.stderr + first.stdout),
      resumed: first.code === 0 ? undefined : await read('resume'),
      verifyAt: out('after-resume'),
      afterFirst,
    };
  },
};

/**
 * Where no user namespace may mount a tmpfs: the run under `ulimit -f` (4 MiB
 * a file), so the big object's write fails part-way with EFBIG, as a full disk
 * fails it with ENOSPC; the resume runs without the limit.
 */
async function fileSizeLimit(cell: Cell): Promise<Provoked> {
  const child = spawn('bash', ['-c', 'ulimit -f 4096 && exec "$@"', 'bash', process.execPath, cell.rig.cli, ...cell.argv()], {
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: cell.dir, TMPDIR: tmpdir(), ...cell.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const first = await new Promise<CliRun>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
  return { first, landed: /EFBIG|too large|larger than this system lets Ferry write/i.test(stdout + stderr) };
}

export const FAULTS: Fault[] = [
  reset('reset at start', 'start'),
  reset('reset mid-way', 'midway'),
  resetAtEnd,
  stall,
  latency,
  bandwidth,
  slowDown,
  revoked,
  diskFull,
  killed,
  tornJournal,
];
