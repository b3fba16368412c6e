/**
 * The demo server's refusals, as S3 words them: a code the SDK turns into
 * the error's name, the HTTP status Ferry's probe and error mapping read,
 * and a message for the user. The XML document is written by the router.
 */
export class S3Error extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    /** Headers to send with the error (a HEAD carries no body, so its reason travels here too). */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'S3Error';
  }
}

export const noSuchBucket = (bucket: string) => new S3Error('NoSuchBucket', 404, `The bucket ${bucket} does not exist.`);
export const noSuchKey = (key: string) => new S3Error('NoSuchKey', 404, `The object ${key} does not exist.`);
export const noSuchUpload = () =>
  new S3Error('NoSuchUpload', 404, 'The multipart upload does not exist; it may have been completed or aborted.');
export const notImplemented = (what: string) => new S3Error('NotImplemented', 501, `${what} is not implemented by Ferry's demo server.`);
export const invalidArgument = (message: string) => new S3Error('InvalidArgument', 400, message);
export const preconditionFailed = () =>
  new S3Error('PreconditionFailed', 412, 'At least one of the preconditions you specified did not hold.');
