/**
 * One cell of the fault matrix being run: `ferry` as a child process, each
 * of its connections going through the hostile hop (fault-proxy.ts) and a
 * Toxiproxy proxy to a real server, so a fault helper can act on the wire,
 * on the answers or on the process, and then resume the job as a user would.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestServer } from '../../e2e/servers/harness';
import type { Toxic, ToxicProxy } from '../../e2e/servers/toxiproxy';
import { startFaultProxy, type FaultProxy, type Hostility, type SeenRequest } from './fault-proxy';
import type { Operation, Seeded } from './fault-operations';
import { cliEnv, spawnCli, type CliRun, type FaultRig } from './transfer-support';

export interface Side {
  name: 'src' | 'dst';
  server: TestServer;
  proxy: FaultProxy;
  toxic: ToxicProxy;
}

/** Small parts and a read limit, so every fault finds the job mid-object; retries enough to outlast a fault. */
const TRANSFER_FLAGS = ['--part-size', '5MiB', '--multipart-threshold', '5MiB', '--parts', '2', '--objects', '2'];
const COPY_FLAGS = ['--copy-threshold', '5MiB', '--copy-part-size', '5MiB', '--bwlimit', '4MiB'];

export class Cell {
  readonly sides: Side[] = [];
  env: Record<string, string> = {};
  seeded!: Seeded;
  dir = '';
  /** Flags the fault needs (a longer idle timeout under latency, say), in place of the defaults. */
  flags: string[] = [];
  #running: ReturnType<typeof spawnCli> | undefined;

  constructor(
    readonly rig: FaultRig,
    readonly op: Operation,
    readonly src: TestServer,
    readonly dst: TestServer,
  ) {}

  async open(tag: string): Promise<void> {
    if (!this.rig.toxiproxy) throw new Error('no toxiproxy');
    this.dir = await mkdtemp(path.join(tmpdir(), 'ferry-fm-'));
    const names: Side['name'][] = this.op.crossCloud ? ['src', 'dst'] : ['src'];
    for (const name of names) {
      const server = name === 'src' ? this.src : this.dst;
      const toxic = await this.rig.toxiproxy.proxy(`${tag}-${name}-${path.basename(this.dir)}`, server.endpoint);
      const proxy = await startFaultProxy(toxic.endpoint);
      this.sides.push({ name, server, proxy, toxic });
      Object.assign(this.env, cliEnv(name, server, proxy.endpoint));
    }
    this.env.FERRY_DATA_DIR = path.join(this.dir, 'data');
    this.seeded = await this.op.seed({ src: this.src, dst: this.op.crossCloud ? this.dst : this.src, dir: this.dir });
  }

  /** The command's full argument list: its operands, then the defaults, then the fault's own flags (later ones win). */
  argv(args = this.seeded.args): string[] {
    const common = ['--json', '--retries', '10', '--idle-timeout', '3'];
    const extra = args[0] === 'rm' ? [] : [...TRANSFER_FLAGS, ...COPY_FLAGS];
    return [...args, ...common, ...extra, ...this.flags];
  }

  start(args = this.seeded.args) {
    this.#running = spawnCli(this.rig.cli, this.argv(args), this.env);
    return this.#running;
  }

  /** What a user does after a failed or interrupted run: `ferry resume`, or the same command again where there is no journal. */
  resume(): Promise<CliRun> {
    return spawnCli(this.rig.cli, this.op.journaled ? this.argv(['resume', '--all']) : this.argv(), this.env).done;
  }

  seen(): SeenRequest[] {
    return this.sides.flatMap((s) => s.proxy.seen);
  }

  upstreamErrors(): number {
    return this.sides.reduce((n, s) => n + s.proxy.upstreamErrors, 0);
  }

  /** Waits until the operation is part-way through; fails if the run ends first (the fault would find nothing to hit). */
  async midway(): Promise<void> {
    let ended = false;
    void this.#running?.done.then(() => (ended = true));
    for (;;) {
      if (this.seeded.midway(this.seen())) return;
      if (ended) throw new Error(`${this.op.name} ended before it was mid-way`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  /**
   * From the moment the operation is mid-way, holds every new request until the returned release
   * is called: a fault put in place meanwhile then meets the rest of the job, however fast the
   * rest would have gone (a server-side copy's last parts take milliseconds).
   */
  holdOnceMidway(): () => void {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    for (const s of this.sides) s.proxy.hold = () => (this.seeded.midway(this.seen()) ? gate : undefined);
    return () => {
      for (const s of this.sides) s.proxy.hold = () => undefined;
      release();
    };
  }

  async toxic(t: Toxic): Promise<void> {
    await Promise.all(this.sides.map((s) => s.toxic.addToxic(t)));
  }

  async untoxic(name: string): Promise<void> {
    await Promise.all(this.sides.map((s) => s.toxic.removeToxic(name)));
  }

  rule(decide: (r: SeenRequest, seen: SeenRequest[]) => Hostility): void {
    for (const s of this.sides) s.proxy.rule = (r) => decide(r, this.seen());
  }

  async close(): Promise<void> {
    await Promise.all(this.sides.map((s) => s.proxy.close()));
  }
}

export async function until(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 25));
  }
  return true;
}
