/**
 * One copy, any direction: S3 → S3 (across endpoints), local → S3, S3 → local.
 * The source streams through a byte counter into the destination writer; once
 * written, the destination's size is checked against the bytes read, so a
 * short write fails loudly instead of passing as a copy.
 */
import { HeadObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { stat } from 'node:fs/promises';
import { Transform, type TransformCallback } from 'node:stream';
import { FerryError } from '../api/errors.js';
import type { ItemRef, Location } from '../api/types.js';
import { openSource } from './source.js';
import { writeToLocal, writeToS3, type WriteResult } from './destination.js';

export interface CopyHooks {
  onStart(info: { name: string; size: number }): void;
  onBytes(bytesDone: number): void;
}

class ByteCounter extends Transform {
  bytes = 0;
  constructor(private readonly report: (n: number) => void) {
    super();
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.bytes += chunk.length;
    this.report(this.bytes);
    done(null, chunk);
  }
}

export async function copyItem(
  source: ItemRef,
  destination: Location,
  s3: (connectionId: string) => S3Client,
  hooks: CopyHooks,
  signal: AbortSignal,
): Promise<WriteResult> {
  const opened = await openSource(source, s3, signal);
  hooks.onStart({ name: opened.name, size: opened.size });
  const counter = new ByteCounter(hooks.onBytes);
  opened.body.on('error', (err) => counter.destroy(err));
  const body = opened.body.pipe(counter);

  const result =
    destination.kind === 'local'
      ? await writeToLocal(destination.path, opened.name, body, signal)
      : await writeToS3(s3(destination.connectionId), destination, opened.name, opened.size, body, opened.attributes, signal);

  if (counter.bytes !== opened.size) {
    throw new FerryError('server', `Read ${counter.bytes} bytes of ${opened.name} but the source announced ${opened.size}.`, {
      retryable: true,
    });
  }
  const written =
    destination.kind === 'local'
      ? (await stat(result.destinationId)).size
      : ((await s3(destination.connectionId).send(new HeadObjectCommand({ Bucket: destination.bucket, Key: result.destinationId })))
          .ContentLength ?? -1);
  if (written !== opened.size) {
    throw new FerryError('server', `The destination holds ${written} bytes of ${opened.name}, expected ${opened.size}.`, {
      details: { destination: result.destinationId },
    });
  }
  return result;
}
