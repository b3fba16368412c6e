/**
 * Runs one tool invocation and measures it from outside: wall time from a
 * monotonic clock, client CPU (user + sys of the whole process tree) and peak
 * RSS from GNU time (wait4's rusage, which includes every child the tool
 * waited for). Output goes to files, never through a pipe into this process,
 * so reading it cannot slow the tool down.
 */
import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface Step {
  argv: string[];
  env: Record<string, string>;
  /** Keep stdout here (listings are verified from it); otherwise it is discarded. */
  stdoutFile?: string;
  label: string;
}

export interface Measured {
  wall_s: number;
  user_s: number | null;
  sys_s: number | null;
  cpu_s: number | null;
  max_rss_mib: number | null;
  exit_code: number | null;
  error?: string;
}

const GNU_TIME = '/usr/bin/time';
export const hasGnuTime = existsSync(GNU_TIME);

async function tail(path: string, lines = 12): Promise<string> {
  const text = await readFile(path, 'utf8').catch(() => '');
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

/** Process groups of the tools running now: an interrupted benchmark kills them rather than leaving them running on. */
const running = new Set<number>();

export function killRunningTools(): void {
  for (const pid of running) killGroup(pid);
}

function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

export async function runStep(step: Step, scratch: string, timeoutSeconds: number): Promise<Measured> {
  const timeFile = join(scratch, 'time.txt');
  const errFile = join(scratch, 'stderr.txt');
  const argv = hasGnuTime ? [GNU_TIME, '-f', '%e %U %S %M', '-o', timeFile, ...step.argv] : step.argv;
  const out = openSync(step.stdoutFile ?? '/dev/null', 'w');
  const err = openSync(errFile, 'w');
  const started = process.hrtime.bigint();
  const child = spawn(argv[0] as string, argv.slice(1), { env: step.env, stdio: ['ignore', out, err], detached: true });
  closeSync(out);
  closeSync(err);
  if (child.pid) running.add(child.pid);
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    if (child.pid) killGroup(child.pid);
  }, timeoutSeconds * 1000);
  const exit = await new Promise<{ code: number | null; spawnError?: string }>((resolve) => {
    child.once('error', (e) => resolve({ code: null, spawnError: e.message }));
    child.once('exit', (code) => resolve({ code }));
  });
  clearTimeout(timer);
  if (child.pid) running.delete(child.pid);
  const wall_s = Number(process.hrtime.bigint() - started) / 1e9;
  const result: Measured = { wall_s, user_s: null, sys_s: null, cpu_s: null, max_rss_mib: null, exit_code: exit.code };
  if (hasGnuTime) {
    // GNU time prints "Command exited with non-zero status N" first when the tool fails; the figures are the last line.
    const last = (await readFile(timeFile, 'utf8').catch(() => '')).trim().split('\n').pop() ?? '';
    const [, user, sys, rssKib] = last.split(' ').map(Number);
    if (user !== undefined && sys !== undefined && rssKib !== undefined && [user, sys, rssKib].every(Number.isFinite)) {
      result.user_s = user;
      result.sys_s = sys;
      result.cpu_s = user + sys;
      result.max_rss_mib = rssKib / 1024;
    }
  }
  if (exit.spawnError) result.error = `could not start ${step.argv[0]}: ${exit.spawnError}`;
  else if (timedOut) result.error = `${step.label}: killed after ${timeoutSeconds} s`;
  else if (exit.code !== 0) result.error = `${step.label} exited with ${exit.code}: ${await tail(errFile)}`;
  return result;
}

/** Staged copies run several steps; their times and CPU add up, their peak memory is the largest. */
export function combine(parts: Measured[]): Measured {
  const sum = (pick: (m: Measured) => number | null): number | null =>
    parts.every((p) => pick(p) !== null) ? parts.reduce((s, p) => s + (pick(p) as number), 0) : null;
  const rss = parts.map((p) => p.max_rss_mib);
  return {
    wall_s: parts.reduce((s, p) => s + p.wall_s, 0),
    user_s: sum((p) => p.user_s),
    sys_s: sum((p) => p.sys_s),
    cpu_s: sum((p) => p.cpu_s),
    max_rss_mib: rss.every((r) => r !== null) ? Math.max(...(rss as number[])) : null,
    exit_code: parts.find((p) => p.exit_code !== 0)?.exit_code ?? 0,
    error: parts.find((p) => p.error)?.error,
  };
}
