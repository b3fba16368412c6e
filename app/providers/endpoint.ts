/** Endpoint URL checks that give the user a specific reason, before any request is made. */
import { FerryError } from '../api/errors.js';

export function normaliseEndpoint(raw: string): string {
  const text = raw.trim();
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new FerryError('invalid-arguments', `"${text}" is not a URL. Write it like https://s3.example.com or http://127.0.0.1:9000.`, {
      details: { field: 'endpoint' },
    });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new FerryError('invalid-arguments', `The endpoint must start with http:// or https://, not ${url.protocol}//.`, {
      details: { field: 'endpoint' },
    });
  }
  if (url.username || url.password) {
    throw new FerryError('invalid-arguments', 'Put credentials in the key fields, not in the endpoint URL.', {
      details: { field: 'endpoint' },
    });
  }
  if (url.search || url.hash) {
    throw new FerryError('invalid-arguments', 'The endpoint URL cannot carry a query or a fragment.', { details: { field: 'endpoint' } });
  }
  // The SDK appends bucket and key to the path; a trailing slash would double it.
  return url.toString().replace(/\/+$/, '');
}

export function isAwsEndpoint(endpoint: string): boolean {
  const host = new URL(endpoint).hostname;
  return host === 'amazonaws.com' || host.endsWith('.amazonaws.com');
}
