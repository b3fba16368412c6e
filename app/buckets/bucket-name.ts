/**
 * S3's bucket naming rules, checked before any request so a bad name is
 * refused where it was typed, with the rule it breaks and why the rule
 * exists. The rules are AWS's general-purpose bucket rules; other providers
 * accept a subset of what AWS accepts, so passing them is the portable choice.
 */

export interface BucketNameProblem {
  /** A short, stable name for the rule (tests and the UI key on it). */
  rule: string;
  /** One sentence for the user: what is wrong, and why S3 minds. */
  message: string;
}

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/** Prefixes and suffixes S3 keeps for its own access points, aliases and directory buckets. */
const RESERVED_PREFIXES = ['xn--', 'sthree-', 'amzn-s3-demo-'];
const RESERVED_SUFFIXES = ['-s3alias', '--ol-s3', '.mrap', '--x-s3', '--table-s3'];

const problem = (rule: string, message: string): BucketNameProblem => ({ rule, message });

/** The first rule `name` breaks, or null when S3 would accept it. */
export function bucketNameProblem(name: string): BucketNameProblem | null {
  if (name.length === 0) return problem('empty', 'Enter a bucket name.');
  if (name.length < 3) return problem('too-short', 'A bucket name needs at least 3 characters.');
  if (name.length > 63) {
    return problem('too-long', `A bucket name is at most 63 characters (this one has ${name.length}): it becomes a DNS label.`);
  }
  if (/\s/.test(name)) return problem('whitespace', 'A bucket name cannot contain spaces: it becomes part of a host name.');
  if (/[A-Z]/.test(name))
    return problem('uppercase', 'A bucket name uses lowercase letters only: host names ignore case, so S3 refuses capitals.');
  if (name.includes('_')) return problem('underscore', 'A bucket name cannot contain "_": host names do not allow it; use "-" instead.');
  const bad = /[^a-z0-9.-]/.exec(name);
  if (bad) {
    return problem('character', `A bucket name may hold only a–z, 0–9, "." and "-"; "${bad[0]}" is not allowed.`);
  }
  if (!/^[a-z0-9]/.test(name)) return problem('start', 'A bucket name must begin with a letter or a digit.');
  if (!/[a-z0-9]$/.test(name)) return problem('end', 'A bucket name must end with a letter or a digit.');
  if (name.includes('..')) return problem('double-dot', 'A bucket name cannot contain two dots in a row: that is an empty DNS label.');
  if (name.includes('.-') || name.includes('-.')) {
    return problem(
      'dot-dash',
      'A bucket name cannot have "-" next to "." : each dot-separated part must begin and end with a letter or digit.',
    );
  }
  if (IPV4.test(name)) return problem('ip-address', 'A bucket name cannot look like an IP address (such as 192.168.5.4).');
  for (const p of RESERVED_PREFIXES) {
    if (name.startsWith(p)) return problem('reserved-prefix', `A bucket name cannot begin with "${p}": S3 keeps that prefix for itself.`);
  }
  for (const s of RESERVED_SUFFIXES) {
    if (name.endsWith(s)) return problem('reserved-suffix', `A bucket name cannot end with "${s}": S3 keeps that suffix for itself.`);
  }
  return null;
}
