/**
 * Deleting permanently in a versioned bucket: every version and every
 * delete marker under a prefix (or of one key), by version id, so nothing is
 * left to restore. Versions are listed a page at a time and each page goes
 * out as one DeleteObjects request; a server without DeleteObjects gets one
 * DeleteObject per version. A plain delete, by contrast, only adds markers.
 */
import { DeleteObjectCommand, DeleteObjectsCommand, ListObjectVersionsCommand } from '../sdk/s3-commands.js';
import { FerryError } from '../api/errors.js';
import { toFerryError } from '../s3/requests/error-mapping.js';
import { decodeKey } from '../transfer/plan/planner.js';
import { isUnsupported, send, type Conn } from '../s3/requests/request.js';
import { batchesSupported, isFatal, type DeleteEnv, type KeyFailure } from '../s3/delete-keys.js';

export interface VersionRef {
  key: string;
  versionId: string;
}

export interface VersionDeleteResult {
  /** Versions and delete markers removed. */
  deleted: number;
  failures: KeyFailure[];
}

/** One page of versions and markers under `prefix` at a time; `exact` keeps only the key itself. */
export async function* versionPages(
  env: DeleteEnv,
  conn: Conn,
  bucket: string,
  prefix: string,
  exact: boolean,
  signal: AbortSignal,
): AsyncGenerator<VersionRef[]> {
  let keyMarker: string | undefined;
  let versionMarker: string | undefined;
  for (;;) {
    const out = await send(
      env,
      conn,
      signal,
      () =>
        new ListObjectVersionsCommand({
          Bucket: bucket,
          Prefix: prefix,
          EncodingType: 'url',
          ...(keyMarker !== undefined ? { KeyMarker: keyMarker } : {}),
          ...(versionMarker !== undefined ? { VersionIdMarker: versionMarker } : {}),
        }),
    ).catch((err: unknown) => {
      if (isUnsupported(err)) {
        throw new FerryError('unsupported', 'Listing versions is not supported by this server.', { cause: err });
      }
      throw err;
    });
    const encoded = out.EncodingType === 'url';
    const refs: VersionRef[] = [];
    for (const v of [...(out.Versions ?? []), ...(out.DeleteMarkers ?? [])]) {
      const key = decodeKey(v.Key, encoded);
      if (exact && key !== prefix) continue;
      refs.push({ key, versionId: v.VersionId ?? 'null' });
    }
    yield refs;
    if (!out.IsTruncated) return;
    keyMarker = decodeKey(out.NextKeyMarker, encoded);
    versionMarker = out.NextVersionIdMarker;
  }
}

async function deleteOneVersion(
  env: DeleteEnv,
  conn: Conn,
  bucket: string,
  v: VersionRef,
  signal: AbortSignal,
): Promise<KeyFailure | null> {
  try {
    await send(env, conn, signal, () => new DeleteObjectCommand({ Bucket: bucket, Key: v.key, VersionId: v.versionId }));
    return null;
  } catch (err) {
    if (signal.aborted || isFatal(err)) throw err;
    return { key: v.key, code: toFerryError(err).code, message: toFerryError(err).message };
  }
}

async function deleteVersionBatch(
  env: DeleteEnv,
  conn: Conn,
  bucket: string,
  refs: VersionRef[],
  signal: AbortSignal,
): Promise<VersionDeleteResult> {
  if (!batchesSupported(env, conn)) {
    const each = await Promise.all(refs.map((v) => deleteOneVersion(env, conn, bucket, v, signal)));
    const failures = each.filter((f): f is KeyFailure => f !== null);
    return { deleted: refs.length - failures.length, failures };
  }
  const out = await send(
    env,
    conn,
    signal,
    () =>
      new DeleteObjectsCommand({
        Bucket: bucket,
        Delete: { Objects: refs.map((v) => ({ Key: v.key, VersionId: v.versionId })), Quiet: false },
      }),
  );
  const failures: KeyFailure[] = (out.Errors ?? []).map((e) => ({
    key: e.Key ?? '',
    code: e.Code ?? 'Error',
    message: e.Message ?? e.Code ?? 'refused',
  }));
  return { deleted: out.Deleted?.length ?? 0, failures };
}

/** Removes every version and marker of `prefix` (every key under it, or with `exact` only that key). */
export async function deleteAllVersions(
  env: DeleteEnv,
  conn: Conn,
  bucket: string,
  prefix: string,
  exact: boolean,
  signal: AbortSignal,
): Promise<VersionDeleteResult> {
  const result: VersionDeleteResult = { deleted: 0, failures: [] };
  for await (const page of versionPages(env, conn, bucket, prefix, exact, signal)) {
    for (let i = 0; i < page.length; i += 1000) {
      const done = await deleteVersionBatch(env, conn, bucket, page.slice(i, i + 1000), signal);
      result.deleted += done.deleted;
      result.failures.push(...done.failures);
    }
  }
  return result;
}
