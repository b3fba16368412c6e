/**
 * Storage URLs as providers print them in their consoles and docs, read into
 * a bucket and key and the provider (and region, where the host names one).
 * Virtual-hosted forms carry the bucket in the host, path-style forms in the
 * first path segment.
 */
export interface ProviderUrl {
  providerId: string;
  providerName: string;
  region?: string;
  bucket: string;
  key: string;
}

interface Pattern {
  providerId: string;
  providerName: string;
  /** Matched against the lower-cased host. Named groups: bucket (virtual-hosted), region. */
  host: RegExp;
  /** Path segments to drop before the bucket (B2's "file/"). */
  pathPrefix?: string;
}

const patterns: Pattern[] = [
  // AWS: bucket.s3.region.amazonaws.com, bucket.s3-region…, bucket.s3.amazonaws.com, dualstack, and the path-style hosts.
  {
    providerId: 'aws',
    providerName: 'Amazon S3',
    host: /^(?:(?<bucket>.+)\.)?s3(?:[.-](?:dualstack\.)?(?<region>[a-z]{2}(?:-gov)?-[a-z]+-\d))?\.amazonaws\.com$/,
  },
  { providerId: 'r2', providerName: 'Cloudflare R2', host: /^(?:(?<bucket>[^.]+)\.)?[0-9a-f]{32}\.(?:eu\.)?r2\.cloudflarestorage\.com$/ },
  { providerId: 'b2', providerName: 'Backblaze B2', host: /^(?:(?<bucket>.+)\.)?s3\.(?<region>[a-z]+-[a-z]+-\d{3})\.backblazeb2\.com$/ },
  { providerId: 'b2', providerName: 'Backblaze B2', host: /^f\d{3}\.backblazeb2\.com$/, pathPrefix: 'file/' },
  { providerId: 'gcs', providerName: 'Google Cloud Storage', host: /^(?:(?<bucket>.+)\.)?storage\.googleapis\.com$/ },
  { providerId: 'gcs', providerName: 'Google Cloud Storage', host: /^storage\.cloud\.google\.com$/ },
  {
    providerId: 'digitalocean',
    providerName: 'DigitalOcean Spaces',
    host: /^(?:(?<bucket>.+)\.)?(?<region>[a-z]{3}\d)\.(?:cdn\.)?digitaloceanspaces\.com$/,
  },
  { providerId: 'wasabi', providerName: 'Wasabi', host: /^(?:(?<bucket>.+)\.)?s3\.(?:(?<region>[a-z]+-[a-z]+-\d)\.)?wasabisys\.com$/ },
];

function decodePath(p: string): string {
  try {
    return decodeURIComponent(p);
  } catch {
    return p;
  }
}

/** The provider URL a text is, or null when no pattern knows its host. */
export function readProviderUrl(url: URL): ProviderUrl | null {
  const host = url.hostname.toLowerCase();
  for (const p of patterns) {
    const m = p.host.exec(host);
    if (!m) continue;
    let path = decodePath(url.pathname.replace(/^\//, ''));
    if (p.pathPrefix) {
      if (!path.startsWith(p.pathPrefix)) continue;
      path = path.slice(p.pathPrefix.length);
    }
    const fromHost = m.groups?.bucket;
    const [first = '', ...rest] = path.split('/');
    const bucket = fromHost ?? first;
    const key = fromHost ? path : rest.join('/');
    const region = m.groups?.region;
    return { providerId: p.providerId, providerName: p.providerName, ...(region ? { region } : {}), bucket, key };
  }
  return null;
}
