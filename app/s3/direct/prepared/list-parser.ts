/**
 * A ListObjectsV2 page read straight from its XML into the SDK's output
 * shape. The SDK's generic XML reader builds a full document tree first and
 * is most of a large listing's client CPU (L1, a million keys: see docs/performance.md).
 * S3's listing document is flat and regular, so one linear scan into a small
 * element tree (xml-scanner.ts) and a walk over the known elements give the
 * same values at a fraction of the cost. A page that is not well-formed, or
 * whose numbers and dates are not numbers and dates, is refused whole.
 */
import { FerryError } from '../../../api/errors.js';
import { scanXml, XmlPageError, type XmlElement } from './xml-scanner.js';

export interface ListedObject {
  Key?: string;
  LastModified?: Date;
  ETag?: string;
  Size?: number;
  StorageClass?: string;
  ChecksumAlgorithm?: string[];
  ChecksumType?: string;
  Owner?: Record<string, string>;
  RestoreStatus?: Record<string, unknown>;
  [field: string]: unknown;
}

export interface ListPage {
  Name?: string;
  Prefix?: string;
  Delimiter?: string;
  MaxKeys?: number;
  KeyCount?: number;
  IsTruncated?: boolean;
  ContinuationToken?: string;
  NextContinuationToken?: string;
  StartAfter?: string;
  EncodingType?: string;
  /** V1's paging, read so that a V1 page can be told apart and followed (list-v1.ts). */
  Marker?: string;
  NextMarker?: string;
  Contents?: ListedObject[];
  CommonPrefixes?: { Prefix?: string }[];
}

/** The reason a page cannot be read, as the error that names the server's fault. */
export function brokenPage(reason: string): FerryError {
  return new FerryError('server', `The server sent a broken listing page (${reason}); Ferry stopped rather than list part of the folder.`, {
    details: { fault: 'listing' },
  });
}

function numberOf(tag: string, text: string): number {
  const n = text.trim() === '' ? NaN : Number(text);
  if (!Number.isFinite(n)) throw brokenPage(`<${tag}> is "${text.slice(0, 40)}", not a number`);
  return n;
}

function dateOf(tag: string, text: string): Date {
  const d = new Date(text);
  if (Number.isNaN(d.getTime())) throw brokenPage(`<${tag}> is "${text.slice(0, 40)}", not a date`);
  return d;
}

function group(el: XmlElement): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const c of el.children) {
    if (c.name === 'IsRestoreInProgress') out[c.name] = c.text === 'true';
    else if (c.name === 'RestoreExpiryDate') out[c.name] = dateOf(c.name, c.text);
    else out[c.name] = c.text;
  }
  return out;
}

/** One <Contents> entry with the SDK's types: numbers, dates, the checksum list, and the two nested groups. */
function entry(el: XmlElement): ListedObject {
  const o: ListedObject = {};
  for (const c of el.children) {
    if (c.name === 'Owner' || c.name === 'RestoreStatus') (o as Record<string, unknown>)[c.name] = group(c);
    else if (c.name === 'Size') o.Size = numberOf(c.name, c.text);
    else if (c.name === 'LastModified') o.LastModified = dateOf(c.name, c.text);
    else if (c.name === 'ChecksumAlgorithm') (o.ChecksumAlgorithm ??= []).push(c.text);
    else o[c.name] = c.text;
  }
  return o;
}

const TEXT_FIELDS = new Set([
  'Name',
  'Prefix',
  'Delimiter',
  'ContinuationToken',
  'NextContinuationToken',
  'StartAfter',
  'EncodingType',
  'Marker',
  'NextMarker',
]);

export function parseListPage(xml: string): ListPage {
  let root: XmlElement;
  try {
    root = scanXml(xml);
  } catch (err) {
    if (err instanceof XmlPageError) throw brokenPage(err.message);
    throw err;
  }
  if (root.name !== 'ListBucketResult') throw brokenPage(`its root is <${root.name.slice(0, 40)}>, not <ListBucketResult>`);
  const contents: ListedObject[] = [];
  const prefixes: { Prefix?: string }[] = [];
  const page: ListPage = {};
  for (const c of root.children) {
    if (c.name === 'Contents') contents.push(entry(c));
    else if (c.name === 'CommonPrefixes') {
      const prefix = c.children.find((p) => p.name === 'Prefix');
      prefixes.push(prefix ? { Prefix: prefix.text } : {});
    } else if (TEXT_FIELDS.has(c.name)) {
      // The first of a repeated field wins, as a reader taking the first match would.
      if (!(c.name in page)) (page as Record<string, unknown>)[c.name] = c.text;
    } else if (c.name === 'MaxKeys' || c.name === 'KeyCount') {
      if (page[c.name] === undefined) page[c.name] = numberOf(c.name, c.text);
    } else if (c.name === 'IsTruncated') {
      if (page.IsTruncated === undefined) {
        if (c.text !== 'true' && c.text !== 'false') throw brokenPage(`<IsTruncated> is "${c.text.slice(0, 40)}"`);
        page.IsTruncated = c.text === 'true';
      }
    }
  }
  if (contents.length > 0) page.Contents = contents;
  if (prefixes.length > 0) page.CommonPrefixes = prefixes;
  return page;
}
