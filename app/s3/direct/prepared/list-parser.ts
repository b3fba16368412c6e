/**
 * A ListObjectsV2 page read straight from its XML into the SDK's output
 * shape. The SDK's generic XML reader builds a full document tree first and
 * is most of a large listing's client CPU (L1, a million keys: see docs/performance.md).
 * S3's listing document is flat and regular (every value is escaped text, no
 * CDATA, no nesting beyond Contents/CommonPrefixes/Owner), so reading the
 * known elements directly gives the same values at a fraction of the cost.
 */
import { unescapeXml, xmlField } from './response.js';

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
  Contents?: ListedObject[];
  CommonPrefixes?: { Prefix?: string }[];
}

const CONTENTS = /<Contents>([\s\S]*?)<\/Contents>/g;
const COMMON_PREFIXES = /<CommonPrefixes>([\s\S]*?)<\/CommonPrefixes>/g;

function num(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  return Number.isFinite(n) ? n : undefined;
}

/** Simple child elements (`<Tag>text</Tag>`) of an XML fragment, in order. */
function children(fragment: string): [string, string][] {
  return [...fragment.matchAll(/<(\w+)>([^<]*)<\/\1>/g)].map((m) => [m[1] ?? '', unescapeXml(m[2] ?? '')]);
}

/** One <Contents> entry with the SDK's types: numbers, dates, the checksum list, and the two nested groups. */
function entry(block: string): ListedObject {
  const o: ListedObject = {};
  const nested = /<(Owner|RestoreStatus)>([\s\S]*?)<\/\1>/g;
  for (const m of block.matchAll(nested)) {
    const group: Record<string, unknown> = {};
    for (const [tag, value] of children(m[2] ?? '')) {
      if (tag === 'IsRestoreInProgress') group[tag] = value === 'true';
      else if (tag === 'RestoreExpiryDate') group[tag] = new Date(value);
      else group[tag] = value;
    }
    o[m[1] ?? ''] = group;
  }
  for (const [tag, value] of children(block.replace(nested, ''))) {
    if (tag === 'Size') o.Size = Number(value);
    else if (tag === 'LastModified') o.LastModified = new Date(value);
    else if (tag === 'ChecksumAlgorithm') (o.ChecksumAlgorithm ??= []).push(value);
    else o[tag] = value;
  }
  return o;
}

export function parseListPage(xml: string): ListPage {
  const contents: ListedObject[] = [];
  const prefixes: { Prefix?: string }[] = [];
  for (const m of xml.matchAll(CONTENTS)) contents.push(entry(m[1] ?? ''));
  for (const m of xml.matchAll(COMMON_PREFIXES)) {
    const prefix = xmlField(m[1] ?? '', 'Prefix');
    prefixes.push(prefix !== undefined ? { Prefix: prefix } : {});
  }
  // The page's own fields, read with the repeated elements taken out (a CommonPrefixes entry has a <Prefix> too).
  const top = xml.replace(CONTENTS, '').replace(COMMON_PREFIXES, '');
  const page: ListPage = {};
  const text = (tag: keyof ListPage & string) => {
    const value = xmlField(top, tag);
    if (value !== undefined) (page as Record<string, unknown>)[tag] = value;
  };
  for (const tag of ['Name', 'Prefix', 'Delimiter', 'ContinuationToken', 'NextContinuationToken', 'StartAfter', 'EncodingType'] as const) {
    text(tag);
  }
  const maxKeys = num(xmlField(top, 'MaxKeys'));
  if (maxKeys !== undefined) page.MaxKeys = maxKeys;
  const keyCount = num(xmlField(top, 'KeyCount'));
  if (keyCount !== undefined) page.KeyCount = keyCount;
  const truncated = xmlField(top, 'IsTruncated');
  if (truncated !== undefined) page.IsTruncated = truncated === 'true';
  if (contents.length > 0) page.Contents = contents;
  if (prefixes.length > 0) page.CommonPrefixes = prefixes;
  return page;
}
