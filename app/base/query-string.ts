/**
 * A request's query string as S3 signs it: parameters in code-unit order,
 * names and values percent-encoded as RFC 3986 wants, a parameter without
 * a value written as its name alone. The signature covers this exact text,
 * so the request must carry it as built here.
 */
import { escapeUri } from './uri-escape.js';

export type QueryBag = Record<string, string | string[] | null | undefined>;

export function queryString(query: QueryBag): string {
  const parts: string[] = [];
  for (const name of Object.keys(query).sort()) {
    const value = query[name];
    const key = escapeUri(name);
    if (Array.isArray(value)) for (const v of value) parts.push(`${key}=${escapeUri(v)}`);
    else parts.push(typeof value === 'string' ? `${key}=${escapeUri(value)}` : key);
  }
  return parts.join('&');
}
