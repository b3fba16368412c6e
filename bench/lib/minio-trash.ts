/**
 * MinIO moves deleted objects into `.minio.sys/tmp/.trash` under its data
 * folder and empties it in the background, at its own pace. A benchmark that
 * writes a gigabyte per run outruns that: a five-tool W3 filled ~20 GB of
 * tmpfs here and later runs slowed to minutes. The benchmark owns these
 * servers and their folders, so after each run it empties the trash itself.
 */
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';

/** Empties the trash of every MinIO whose folder is under `serverRoot` (the harness names them ferry-minio-*). */
export async function emptyMinioTrash(serverRoot: string): Promise<void> {
  const dirs = await readdir(serverRoot).catch(() => [] as string[]);
  for (const dir of dirs.filter((d) => d.startsWith('ferry-minio-'))) {
    const trash = join(serverRoot, dir, 'data', '.minio.sys', 'tmp', '.trash');
    const entries = await readdir(trash).catch(() => [] as string[]);
    // MinIO may be removing the same entries: what is already gone is fine.
    await Promise.all(entries.map((e) => rm(join(trash, e), { recursive: true, force: true }).catch(() => undefined)));
  }
}
