/**
 * The content type of a file uploaded from disk, from the mime-types table
 * (the IANA and Apache lists, kept up to date by its maintainers), plus the
 * data formats that table does not know yet. S3 objects keep the type they carry.
 */
import { contentType } from 'mime-types';
import path from 'node:path';

const dataFormats: Record<string, string> = {
  '.parquet': 'application/vnd.apache.parquet',
  '.jsonl': 'application/jsonl',
  '.ndjson': 'application/x-ndjson',
  '.avro': 'application/avro',
  '.zst': 'application/zstd',
};

export function contentTypeFor(file: string): string {
  const ext = path.extname(file).toLowerCase();
  if (ext === '') return 'application/octet-stream';
  return dataFormats[ext] ?? (contentType(ext) || 'application/octet-stream');
}
