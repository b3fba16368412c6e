/**
 * One ferry process per job: two processes resuming the same multipart
 * upload would send the same parts twice and complete it against each other.
 * A lock file holds the owner's pid; a lock whose owner is gone is taken over.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export class JobLock {
  readonly #held = new Set<string>();

  constructor(private readonly dir: string) {}

  #file(jobId: string): string {
    return path.join(this.dir, `${jobId}.lock`);
  }

  take(jobId: string): boolean {
    const file = this.#file(jobId);
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        writeFileSync(file, String(process.pid), { flag: 'wx', mode: 0o600 });
        this.#held.add(jobId);
        return true;
      } catch {
        const owner = Number(readFileSync(file, 'utf8').trim());
        if (owner === process.pid) return true;
        if (Number.isInteger(owner) && owner > 0 && alive(owner)) return false;
        rmSync(file, { force: true });
      }
    }
    return false;
  }

  release(jobId: string): void {
    if (this.#held.delete(jobId)) rmSync(this.#file(jobId), { force: true });
  }

  releaseAll(): void {
    for (const id of [...this.#held]) this.release(id);
  }
}
