/**
 * The demo server's buckets and objects. Bytes live in files of the demo's
 * temp folder named by random ids, never by the key, so no key (`../x`,
 * `/etc/passwd`, a drive letter, a NUL) can reach outside that folder or
 * collide with another; the index of keys, metadata and tags lives in
 * memory, for as long as the demo runs (its folder is removed with it).
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { compareKeys } from './key-order.js';
import { noSuchBucket, noSuchKey, noSuchUpload, S3Error } from './s3-error.js';

/** The headers an object keeps and answers with, lower-case, as they were sent. */
export type StoredHeaders = Record<string, string>;

export interface StoredObject {
  key: string;
  file: string;
  size: number;
  /** Quoted, as S3 answers it. */
  etag: string;
  lastModified: Date;
  headers: StoredHeaders;
  meta: Record<string, string>;
  tags: Record<string, string>;
  /** Part sizes of a multipart object, in order; absent for a single PUT. */
  parts?: number[];
}

export interface StoredPart {
  number: number;
  file: string;
  size: number;
  etag: string;
  md5: Buffer;
  lastModified: Date;
}

export interface Upload {
  id: string;
  key: string;
  initiated: Date;
  headers: StoredHeaders;
  meta: Record<string, string>;
  tags: Record<string, string>;
  parts: Map<number, StoredPart>;
}

export interface Bucket {
  name: string;
  created: Date;
  objects: Map<string, StoredObject>;
  uploads: Map<string, Upload>;
}

const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const MAX_KEY_BYTES = 1024;

export class ObjectStore {
  readonly #buckets = new Map<string, Bucket>();
  readonly #sorted = new Map<string, string[]>();
  readonly #data: string;

  constructor(folder: string) {
    this.#data = path.join(folder, 'data');
    mkdirSync(this.#data, { recursive: true });
  }

  /** A fresh file name for bytes about to be written; the caller renames nothing, it keeps this name. */
  newFile(): string {
    return path.join(this.#data, randomUUID());
  }

  removeFile(file: string): void {
    // An open reader keeps its bytes on POSIX; where removal fails the temp folder goes at exit anyway.
    try {
      rmSync(file, { force: true });
    } catch {
      /* removed with the demo's folder */
    }
  }

  buckets(): Bucket[] {
    return [...this.#buckets.values()].sort((a, b) => compareKeys(a.name, b.name));
  }

  bucket(name: string): Bucket {
    const b = this.#buckets.get(name);
    if (!b) throw noSuchBucket(name);
    return b;
  }

  createBucket(name: string): void {
    if (!BUCKET_NAME.test(name) || name.includes('..'))
      throw new S3Error('InvalidBucketName', 400, `${name} is not a valid bucket name: 3–63 lower-case letters, digits, dots and hyphens.`);
    if (this.#buckets.has(name)) throw new S3Error('BucketAlreadyOwnedByYou', 409, `You already own the bucket ${name}.`);
    this.#buckets.set(name, { name, created: new Date(), objects: new Map(), uploads: new Map() });
  }

  deleteBucket(name: string): void {
    const b = this.bucket(name);
    if (b.objects.size > 0 || b.uploads.size > 0)
      throw new S3Error('BucketNotEmpty', 409, `The bucket ${name} is not empty: delete its objects and uploads first.`);
    this.#buckets.delete(name);
    this.#sorted.delete(name);
  }

  /** The bucket's keys in S3's order, sorted again only after a write changed the set. */
  sortedKeys(bucket: Bucket): string[] {
    let keys = this.#sorted.get(bucket.name);
    if (!keys) {
      keys = [...bucket.objects.keys()].sort(compareKeys);
      this.#sorted.set(bucket.name, keys);
    }
    return keys;
  }

  get(bucket: Bucket, key: string): StoredObject {
    const o = bucket.objects.get(key);
    if (!o) throw noSuchKey(key);
    return o;
  }

  /** Puts `object` in place of whatever had its key; the old bytes are removed. */
  put(bucket: Bucket, object: StoredObject): void {
    const old = bucket.objects.get(object.key);
    bucket.objects.set(object.key, object);
    if (old) this.removeFile(old.file);
    else this.#sorted.delete(bucket.name);
  }

  /** Deleting a key that is not there succeeds, as in S3. */
  delete(bucket: Bucket, key: string): void {
    const old = bucket.objects.get(key);
    if (!old) return;
    bucket.objects.delete(key);
    this.#sorted.delete(bucket.name);
    this.removeFile(old.file);
  }

  upload(bucket: Bucket, id: string): Upload {
    const u = bucket.uploads.get(id);
    if (!u) throw noSuchUpload();
    return u;
  }

  dropUpload(bucket: Bucket, upload: Upload, keepFiles = false): void {
    bucket.uploads.delete(upload.id);
    if (!keepFiles) for (const part of upload.parts.values()) this.removeFile(part.file);
  }
}

/** Refuses a key S3 would refuse; any other string is a key, stored by id, never used as a path. */
export function checkKey(key: string): void {
  if (Buffer.byteLength(key, 'utf8') > MAX_KEY_BYTES)
    throw new S3Error('KeyTooLongError', 400, `Your key is too long: ${Buffer.byteLength(key, 'utf8')} bytes, S3 allows ${MAX_KEY_BYTES}.`);
}
