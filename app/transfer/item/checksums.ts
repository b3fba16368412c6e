/**
 * S3's full-object CRC32: when Ferry sends one, and when an object's stored
 * one can stand in for MD5.
 *
 * Uploads carry a CRC32 of each part and of the whole object (ChecksumType
 * FULL_OBJECT), so the server keeps a checksum that any later reader can
 * verify for a fifth of MD5's CPU. Ferry sends it unless the server is known
 * not to take it: the connection strips checksum headers, or the capability
 * probe found them refused or ignored. A server nobody probed (the command
 * line's connections) is tried; one that refuses is remembered for the rest
 * of the job and the write goes again without.
 *
 * A download trusts a stored CRC32 only when it is the whole object's: the
 * server says FULL_OBJECT, or says nothing and the object is a single PUT
 * (plain MD5 ETag), whose checksum can only be of the whole. A composite
 * checksum (a CRC of the parts' CRCs) is not what the bytes hash to, and
 * objects without a CRC32 keep the MD5 check.
 *
 * An upload's parts skip MD5 altogether where the server is known to refuse
 * bytes that do not match the CRC32 sent with them: the capability probe
 * found so, or the run learned it by sending the server a five-byte part 1
 * with a deliberately wrong CRC32 (refused: the server checks; accepted: it
 * does not). The part goes into the run's first multipart upload, whose real
 * part 1 replaces it, or, for a single PUT of 512 KiB or more, into an upload
 * of the same key begun for the question and aborted after it; either way no
 * object changes and nothing stray is left. The server then checks every
 * PUT and part, and on completion the CRC of the whole joined from the
 * parts', which proves what MD5 proved for a fraction of the CPU and without
 * a hash worker.
 */
import { FerryError } from '../../api/errors.js';
import { errorName, isUnsupported, statusOf, type Conn } from '../../s3/requests/request.js';
import { crc32Available, crc32FromBase64 } from '../hash/crc32.js';
import type { ItemEnv } from './context.js';
import { isPlainMd5 } from './integrity.js';

const unsupportedKey = (conn: Conn) => `${conn.id}:checksums`;

/** Whether writes to `conn` carry CRC32 checksums. */
export function sendsCrc(env: Pick<ItemEnv, 'unsupported'>, conn: Conn): boolean {
  if (!crc32Available || conn.summary.checksumMode === 'off') return false;
  const probed = conn.summary.probe?.checksums;
  if (probed === 'rejected' || probed === 'ignored') return false;
  return !env.unsupported.has(unsupportedKey(conn));
}

/**
 * Whether parts and PUTs sent to `conn` may go with their CRC32 alone: it
 * takes them, and its server is known to refuse bytes that do not match.
 */
export function serverChecksCrc(env: Pick<ItemEnv, 'unsupported' | 'crcChecked'>, conn: Conn): boolean {
  if (!sendsCrc(env, conn)) return false;
  return conn.summary.probe?.checksums === 'verified' || env.crcChecked?.get(conn.id) === true;
}

/**
 * Single PUTs from this size ask the server whether it checks CRC32s, if the
 * run has not learned it yet: below it MD5 costs less than the question.
 */
export const CRC_ALONE_FROM = 512 * 1024;

/** A CRC32 that "ferry" does not hash to. */
const WRONG_CRC32 = 'AAAAAA==';
const PROBE_BODY = Buffer.from('ferry');

/**
 * Learns, once per run and connection, whether the server checks the CRC32
 * of what it is sent: `sendWrong` sends PROBE_BODY with WRONG_CRC32 (as part
 * 1 of a fresh upload, which the real part 1 overwrites, or of an upload
 * begun for the question and aborted after it). A refusal that
 * names the digest means it checks; acceptance, or any other failure, means
 * Ferry keeps hashing MD5 itself.
 */
export async function learnCrcCheck(
  env: Pick<ItemEnv, 'unsupported' | 'crcChecked'>,
  conn: Conn,
  sendWrong: (body: Buffer, crc32: string) => Promise<unknown>,
): Promise<void> {
  const known = env.crcChecked;
  if (!known || !sendsCrc(env, conn) || conn.summary.probe?.checksums === 'verified') return;
  const pending = known.get(conn.id);
  if (pending !== undefined) {
    await pending;
    return;
  }
  const answer = sendWrong(PROBE_BODY, WRONG_CRC32).then(
    () => false,
    (err: unknown) => isDigestRefusal(err),
  );
  known.set(conn.id, answer);
  known.set(conn.id, await answer);
}

/** The server's refusal of bytes that do not match a digest sent with them. */
export function isDigestRefusal(err: unknown): boolean {
  const name = errorName(err) ?? '';
  if (/BadDigest|ChecksumMismatch|InvalidDigest/i.test(name)) return true;
  return statusOf(err) === 400 && /did not match|does not match/i.test(err instanceof Error ? err.message : '');
}

/** Whether reads from `conn` ask for the object's checksums (checksum mode): unless the server refuses the header. */
export function asksCrc(conn: Conn): boolean {
  return crc32Available && conn.summary.checksumMode !== 'off' && conn.summary.probe?.checksums !== 'rejected';
}

/**
 * Whether `err` is a server refusing the checksum headers themselves (not
 * the bytes): an unsupported request, or a 400 that names checksums. A
 * BadDigest (the bytes did not match) is no refusal: it stays an error.
 */
export function refusesChecksums(err: unknown): boolean {
  if (isUnsupported(err)) return true;
  const name = errorName(err);
  if (name === 'BadDigest' || name === 'InvalidDigest' || statusOf(err) !== 400) return false;
  const text = `${name} ${err instanceof Error ? err.message : ''}`;
  return /checksum|x-amz-sdk|not supported|unsupported/i.test(text) && !/mismatch|did not match|does not match/i.test(text);
}

/** Remembers that `conn` refuses checksum headers: the job's later writes go without. */
export function stopSendingCrc(env: Pick<ItemEnv, 'unsupported'>, conn: Conn): void {
  env.unsupported.add(unsupportedKey(conn));
}

/** What a HEAD, GET or write answered about the object's checksums. */
export interface ChecksumFields {
  ChecksumCRC32?: string;
  ChecksumType?: string;
  ETag?: string;
}

/** The object's full-object CRC32, when its answer proves it is one. */
export function fullObjectCrc(out: ChecksumFields | undefined): number | undefined {
  if (!crc32Available || !out) return undefined;
  const crc = crc32FromBase64(out.ChecksumCRC32);
  if (crc === undefined) return undefined;
  const type = out.ChecksumType?.toUpperCase();
  if (type === 'FULL_OBJECT') return crc;
  return type === undefined && isPlainMd5(out.ETag) ? crc : undefined;
}

const hex = (crc: number) => (crc >>> 0).toString(16).padStart(8, '0');

export function crcMismatch(reported: number, computed: number, where: Record<string, string>): FerryError {
  return new FerryError(
    'server',
    `Integrity check failed for ${where.key ?? where.path ?? 'an item'}: the object's CRC32 is ${hex(reported)}, the bytes received hash to ${hex(computed)}.`,
    { details: { ...where, reported: hex(reported), expected: hex(computed), failedCheck: 'crc' } },
  );
}
