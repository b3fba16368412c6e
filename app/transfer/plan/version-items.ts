/**
 * A delete job's items when the user chose "delete permanently": every
 * version and delete marker under a prefix (or of one key), each its own
 * item carrying its version id. Unlike a key listing this never resumes from
 * a cursor: what an earlier run deleted is gone from the listing, so listing
 * again from the start yields exactly what is left.
 */
import { ListObjectVersionsCommand } from '../../sdk/s3-commands.js';
import { FerryError } from '../../api/errors.js';
import { isUnsupported, request } from '../../s3/requests/request.js';
import { decodeKey, itemId, type PlannedItem, type PlannerDeps } from './planned-item.js';

export async function* listVersions(
  deps: PlannerDeps,
  srcIndex: number,
  connectionId: string,
  bucket: string,
  prefix: string,
  exact: boolean,
): AsyncGenerator<PlannedItem> {
  const conn = deps.conn(connectionId);
  let keyMarker: string | undefined;
  let versionMarker: string | undefined;
  for (;;) {
    const out = await request(deps.env, conn, deps.signal, (client, prep, abortSignal) =>
      client.send(
        prep(
          new ListObjectVersionsCommand({
            Bucket: bucket,
            Prefix: prefix,
            EncodingType: 'url',
            ...(keyMarker !== undefined ? { KeyMarker: keyMarker } : {}),
            ...(versionMarker !== undefined ? { VersionIdMarker: versionMarker } : {}),
          }),
        ),
        { abortSignal },
      ),
    ).catch((err: unknown) => {
      if (isUnsupported(err)) throw new FerryError('unsupported', 'Listing versions is not supported by this server.', { cause: err });
      throw err;
    });
    const encoded = out.EncodingType === 'url';
    const found = [
      ...(out.Versions ?? []).map((v) => ({ key: decodeKey(v.Key, encoded), versionId: v.VersionId ?? 'null', size: v.Size ?? 0 })),
      ...(out.DeleteMarkers ?? []).map((m) => ({ key: decodeKey(m.Key, encoded), versionId: m.VersionId ?? 'null', size: 0 })),
    ];
    for (const v of found) {
      if (exact && v.key !== prefix) continue;
      // Key and version together: one key has many versions, and each is an item of its own.
      const cursor = `${v.key}\u0000${v.versionId}`;
      yield {
        id: itemId(srcIndex, cursor),
        srcIndex,
        cursor,
        source: { kind: 's3', connectionId, bucket, key: v.key },
        versionId: v.versionId,
        relative: v.key,
        size: v.size,
      };
    }
    if (!out.IsTruncated) return;
    keyMarker = decodeKey(out.NextKeyMarker, encoded);
    versionMarker = out.NextVersionIdMarker;
  }
}
