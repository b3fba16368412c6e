/**
 * One request to the demo server as the answer functions see it, and the
 * small helpers they share to read its query and headers and to reply.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ObjectStore } from './object-store.js';
import { S3Error } from './s3-error.js';

export interface Call {
  req: IncomingMessage;
  res: ServerResponse;
  bucket: string;
  key: string;
  query: Record<string, string | string[]>;
  store: ObjectStore;
  region: string;
}

/** A query parameter's first value, or undefined when absent. */
export function param(call: Call, name: string): string | undefined {
  const v = call.query[name];
  return Array.isArray(v) ? v[0] : v;
}

export function has(call: Call, name: string): boolean {
  return name in call.query;
}

export function header(call: Call, name: string): string | undefined {
  const v = call.req.headers[name];
  return Array.isArray(v) ? v.join(',') : v;
}

/** A whole-number parameter in [min, max], else InvalidArgument naming it. */
export function intParam(call: Call, name: string, fallback: number, min: number, max: number): number {
  const raw = param(call, name);
  if (raw === undefined || raw === '') return fallback;
  const n = /^\d{1,9}$/.test(raw) ? Number(raw) : NaN;
  if (!(n >= min && n <= max))
    throw new S3Error('InvalidArgument', 400, `${name} must be a whole number from ${min} to ${max}, not "${raw.slice(0, 20)}".`);
  return n;
}

export function sendXml(call: Call, status: number, xml: string, headers: Record<string, string> = {}): void {
  const body = Buffer.from(xml, 'utf8');
  call.res.writeHead(status, { ...headers, 'content-type': 'application/xml', 'content-length': String(body.length) });
  call.res.end(body);
}

export function sendEmpty(call: Call, status: number, headers: Record<string, string> = {}): void {
  call.res.writeHead(status, { ...headers, 'content-length': '0' });
  call.res.end();
}

/** Dates as S3's XML writes them (ISO 8601 with milliseconds, UTC). */
export const isoDate = (d: Date) => d.toISOString();
