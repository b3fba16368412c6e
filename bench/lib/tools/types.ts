/** What a workload asks of a tool, and what a tool answers: the commands to run (or why it cannot). */
import type { TestServer } from '../../../e2e/servers/harness';
import type { Step } from '../measure';
import type { BudgetName, ToolId, TunedBudget } from '../options';

/** A server and the connection name every tool knows it by (Ferry's command line wants two characters or more). */
export interface Endpoint {
  name: string;
  /** What the tools connect to: the server itself, or a proxy in front of it (the remote workloads). */
  server: TestServer;
  /** The server without the proxy, for the benchmark's own untimed seeding and verifying; absent when `server` is direct. */
  direct?: TestServer;
}

/** The server as the benchmark itself reaches it: never through the proxy the tools are measured through. */
export function own(ep: Endpoint): TestServer {
  return ep.direct ?? ep.server;
}

export interface S3Place {
  kind: 's3';
  ep: Endpoint;
  bucket: string;
}

export type Place = { kind: 'local'; dir: string } | S3Place;

/** The shape of the work decides how a tuned budget splits between files in parallel and parts per file. */
export type Shape = 'many' | 'one' | 'mix';

export type Op =
  | { kind: 'copy'; from: Place; to: Place; shape: Shape }
  | { kind: 'delete'; at: S3Place }
  | { kind: 'list'; at: S3Place; stdoutFile: string }
  /** Make `to` match the folder `from`: copy what is missing or differs, touch nothing else. */
  | { kind: 'sync'; from: Place; to: S3Place };

export interface Budget {
  name: BudgetName;
  tuned: TunedBudget;
}

export interface PlanContext {
  /** A fresh folder for this run: configs, staging, GNU time's output. */
  scratch: string;
  /** PATH, a private HOME and the like; tools add their own variables. */
  baseEnv: Record<string, string>;
}

export type Plan = { steps: Step[]; staged?: boolean; note?: string } | { unsupported: string };

export interface Tool {
  id: ToolId;
  label: string;
  /** Undefined when usable; otherwise why this tool cannot run here. */
  missing(): string | undefined;
  version(): string;
  plan(op: Op, budget: Budget, ctx: PlanContext): Plan;
  /** Keys out of the tool's listing output. */
  parseListing(stdout: string): string[];
}

/** How a tuned budget of requests in flight splits for a shape of work. */
export function split(tuned: TunedBudget, shape: Shape): { files: number; parts: number; partBytes: number } {
  switch (shape) {
    case 'many':
      return { files: tuned.inFlight, parts: 1, partBytes: tuned.partBytes };
    case 'one':
      return { files: 1, parts: tuned.inFlight, partBytes: tuned.partBytes };
    case 'mix': {
      const parts = Math.min(4, tuned.inFlight);
      return { files: Math.max(1, Math.floor(tuned.inFlight / parts)), parts, partBytes: tuned.partBytes };
    }
    default: {
      const never: never = shape;
      throw new Error(`unknown shape ${String(never)}`);
    }
  }
}

/** Environment naming one endpoint the way Ferry's command line reads it (the bare SDK script reads the same). */
export function ferryEnv(...eps: Endpoint[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const { name, server } of eps) {
    const p = `FERRY_${name.toUpperCase()}_`;
    env[`${p}ENDPOINT`] = server.endpoint;
    env[`${p}REGION`] = server.region;
    env[`${p}ACCESS_KEY_ID`] = server.accessKeyId;
    env[`${p}SECRET_ACCESS_KEY`] = server.secretAccessKey;
    env[`${p}PATH_STYLE`] = 'true';
  }
  return env;
}

export function endpointsOf(op: Op): Endpoint[] {
  const places = op.kind === 'copy' || op.kind === 'sync' ? [op.from, op.to] : [op.at];
  const eps: Endpoint[] = [];
  for (const p of places) if (p.kind === 's3' && !eps.some((e) => e.name === p.ep.name)) eps.push(p.ep);
  return eps;
}

/** Location syntax shared by Ferry's command line and the bare SDK script: `name:bucket/` or a local folder. */
export function ferryLocation(p: Place): string {
  return p.kind === 'local' ? `${p.dir}/` : `${p.ep.name}:${p.bucket}/`;
}

/** Last whitespace-separated field of each non-empty line: the key in every peer's listing format used here. */
export function lastField(stdout: string): string[] {
  const keys: string[] = [];
  for (const line of stdout.split('\n')) {
    const trimmed = line.trim();
    if (!trimmed) continue;
    const parts = trimmed.split(/\s+/);
    keys.push(parts[parts.length - 1] as string);
  }
  return keys;
}

export function sameEndpoint(a: Place, b: Place): boolean {
  return a.kind === 's3' && b.kind === 's3' && a.ep.name === b.ep.name;
}
