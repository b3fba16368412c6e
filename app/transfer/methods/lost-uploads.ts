/**
 * Multipart uploads Ferry began but lost the id of. The journal records an
 * intent durably before CreateMultipartUpload and the upload's id after the
 * answer; a kill between the two, or a torn last line, leaves the intent
 * alone. The server then holds an upload nobody will complete or abort, and
 * its parts are billed forever. Before the item creates another upload (or
 * when the job is cancelled), the uploads on exactly that key begun since
 * the intent are aborted. The same sweep follows a create that was sent more
 * than once: an attempt whose answer was lost may have begun an upload too.
 *
 * "Since" allows 15 minutes of clock difference between this machine and the
 * server: SigV4 refuses requests signed further apart than that, so no
 * upload this job began can look older. An upload another client began on
 * the same key in that window is aborted too; Ferry is about to replace that
 * key's content anyway, and the alternative is parts billed with no owner.
 */
import { AbortMultipartUploadCommand, ListMultipartUploadsCommand } from '../../sdk/s3-commands.js';
import type { UploadIntent } from '../journal.js';
import type { ItemEnv } from '../item/context.js';
import { errorName, isUnsupported, send, statusOf, type Conn } from '../../s3/requests/request.js';

const CLOCK_SKEW_MS = 15 * 60_000;
/** Pages of ListMultipartUploads read for one key at most (1,000 uploads each). */
const MAX_PAGES = 10;

export async function abortLostUploads(
  env: Pick<ItemEnv, 'scheduler' | 'tuning' | 'stats'>,
  conn: Conn,
  intent: UploadIntent,
  /** The upload the item goes on with, when the sweep follows a create that took more than one attempt. */
  keep?: string,
): Promise<void> {
  const signal = AbortSignal.timeout(Math.max(env.tuning.idleTimeoutMs, 5_000) * 4);
  let keyMarker: string | undefined;
  let uploadIdMarker: string | undefined;
  try {
    for (let page = 0; page < MAX_PAGES; page++) {
      const out = await send(
        env,
        conn,
        signal,
        () =>
          new ListMultipartUploadsCommand({
            Bucket: intent.bucket,
            Prefix: intent.key,
            ...(keyMarker !== undefined ? { KeyMarker: keyMarker, UploadIdMarker: uploadIdMarker } : {}),
          }),
      );
      const lost = (out.Uploads ?? []).filter(
        (u) => u.Key === intent.key && u.UploadId && u.UploadId !== keep && (u.Initiated?.getTime() ?? 0) >= intent.at - CLOCK_SKEW_MS,
      );
      for (const u of lost) {
        const abort = () => new AbortMultipartUploadCommand({ Bucket: intent.bucket, Key: intent.key, UploadId: u.UploadId });
        await send(env, conn, signal, abort).catch((err: unknown) => {
          if (errorName(err) !== 'NoSuchUpload' && statusOf(err) !== 404) throw err;
        });
      }
      if (!out.IsTruncated || out.NextKeyMarker === undefined || out.NextKeyMarker > intent.key) return;
      keyMarker = out.NextKeyMarker;
      uploadIdMarker = out.NextUploadIdMarker;
    }
  } catch (err) {
    // A server that cannot list uploads (s3rver) cannot be swept; it also bills nothing.
    if (isUnsupported(err)) return;
    throw err;
  }
}
