/**
 * The content type of a file uploaded from disk, from the mime-types table
 * (the IANA and Apache lists, kept up to date by its maintainers), plus the
 * data formats that table does not know yet. S3 objects keep the type they carry.
 *
 * The table (mime-db, 200 KB of JSON) is read the first time a type is asked
 * for, not when the module loads: ~16 ms of CPU that a download, `ferry rm`
 * or `ferry ls` never needs (docs/performance.md, 7 December 2026).
 */
import path from 'node:path';

type MimeTypes = typeof import('mime-types');
let table: Promise<MimeTypes> | undefined;
let loaded: MimeTypes | undefined;

const dataFormats: Record<string, string> = {
  '.parquet': 'application/vnd.apache.parquet',
  '.jsonl': 'application/jsonl',
  '.ndjson': 'application/x-ndjson',
  '.avro': 'application/avro',
  '.zst': 'application/zstd',
};

export async function contentTypeFor(file: string): Promise<string> {
  const ext = path.extname(file).toLowerCase();
  if (ext === '') return 'application/octet-stream';
  const known = dataFormats[ext];
  if (known) return known;
  // Once read, the table is used as it is: an upload asks for every file.
  loaded ??= await (table ??= import('mime-types'));
  return loaded.contentType(ext) || 'application/octet-stream';
}
