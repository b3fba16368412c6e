/**
 * Failures that are not one item's: a server out of reach or failing TLS, a destination bucket that is missing or
 * a name the server refuses, keys denied everything. Every other item would fail the same way, so the job stops
 * at the first such answer with one error that says what to change, instead of one error per item, and keeps the
 * rest for a resume.
 */
import { FerryError } from '../../api/errors.js';
import type { ConnectionSummary, Location } from '../../api/types.js';
import { BUCKET_NAME_RULE, isTlsFault, toFerryError } from '../../s3/requests/error-mapping.js';
import { UnreachableError, unreachableFor } from '../../s3/requests/refused-endpoints.js';
import { errorName, failedConnection } from '../../s3/requests/request.js';
import type { ItemWork } from '../item/context.js';

/**
 * Items refused with AccessDenied, none let through before them, after which the job stops: keys that may not
 * write (or read) there at all would otherwise be refused once per item. Not one: a policy may deny some keys only.
 */
export const DENIALS_TO_HALT = 8;

export interface FaultContext {
  destination(): Location;
  /** The summary of a connection, or undefined when it is not known any more. */
  summaryOf(connectionId: string): ConnectionSummary | undefined;
  redact(text: string): string;
}

export class WholeJobFaults {
  /** Items denied in a row while no item has gone through (see DENIALS_TO_HALT). */
  #deniedInARow = 0;

  constructor(private readonly ctx: FaultContext) {}

  /** Each run counts its own denials: a resume after the keys were given the right starts afresh. */
  newRun(): void {
    this.#deniedInARow = 0;
  }

  /** The job's error when `err`, met by `item`, would meet every other item alike; undefined when it is the item's own. */
  of(err: unknown, item: ItemWork): FerryError | undefined {
    if (err instanceof UnreachableError) return this.unreachable(err);
    return this.#unusableDestinationBucket(err, item) ?? (isTlsFault(err) ? this.#redacted(toFerryError(err)) : undefined);
  }

  unreachable(err: UnreachableError): FerryError {
    const id = failedConnection(err);
    return this.#redacted(unreachableFor(err, id ? this.ctx.summaryOf(id) : undefined));
  }

  /**
   * The job's error once DENIALS_TO_HALT items in a row were denied and none went through (`anyThrough`): these
   * keys may not do this job's work there. Denials after an item went through are the items' own.
   */
  deniedThroughout(err: unknown, e: FerryError, item: ItemWork, anyThrough: boolean): FerryError | undefined {
    if (e.code !== 'access-denied' || anyThrough) {
      this.#deniedInARow = 0;
      return undefined;
    }
    if (++this.#deniedInARow < DENIALS_TO_HALT) return undefined;
    const id = failedConnection(err);
    const d = this.ctx.destination();
    const writing = d.kind === 's3' && id === d.connectionId;
    const bucket = writing ? d.bucket : item.planned.source.kind === 's3' ? item.planned.source.bucket : undefined;
    const label = id ? this.ctx.summaryOf(id)?.label : undefined;
    const who = label ? `the keys of "${label}"` : 'these keys';
    const where = bucket ? ` in "${bucket}"` : '';
    const said = e.message.replace(/\.$/, '');
    return this.#redacted(
      new FerryError(
        'access-denied',
        `The server denied the first ${DENIALS_TO_HALT} items and let none through: ${who} may not ${writing ? 'write' : 'read'}${where} (${said}). Nothing more was sent; give the keys that right, or use other keys, then resume.`,
        { details: { ...(bucket ? { bucket } : {}) } },
      ),
    );
  }

  /**
   * When `err` says the destination bucket does not exist, or is a name the server refuses: an answer from the
   * destination's connection to an item whose source lies elsewhere (on the same connection, the bucket meant
   * could be the source's).
   */
  #unusableDestinationBucket(err: unknown, item: ItemWork): FerryError | undefined {
    const d = this.ctx.destination();
    const name = errorName(err);
    if (d.kind !== 's3' || (name !== 'NoSuchBucket' && name !== 'InvalidBucketName') || failedConnection(err) !== d.connectionId)
      return undefined;
    const from = item.planned.source;
    if (from.kind === 's3' && from.connectionId === d.connectionId) return undefined;
    if (name === 'InvalidBucketName') {
      // No resume can help: the job's destination is fixed. The items stay listed, so nothing is silently dropped.
      return this.#redacted(
        new FerryError(
          'invalid-arguments',
          `The server does not accept "${d.bucket}" as a bucket name, so nothing was sent to it: ${BUCKET_NAME_RULE}. Correct the name and start the transfer again.`,
          { details: { bucket: d.bucket, s3Code: name } },
        ),
      );
    }
    return this.#redacted(
      new FerryError(
        'not-found',
        `The bucket "${d.bucket}" does not exist: nothing more was sent to it. Create the bucket (or correct its name) and run the transfer again.`,
        { details: { bucket: d.bucket } },
      ),
    );
  }

  #redacted(e: FerryError): FerryError {
    return new FerryError(e.code, this.ctx.redact(e.message), { details: e.details ?? {} });
  }
}
