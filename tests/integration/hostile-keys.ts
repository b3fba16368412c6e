/**
 * The hostile-key corpus: object keys built from families of characters and
 * shapes that break naive code (every ASCII control, bidi controls, both
 * Unicode normal forms, XML-invalid code points, percent and plus lookalikes,
 * dot segments, Windows reserved names, S3's 1,024-byte limit). Generated, so
 * a new family is one line and every key carries the reason it is here.
 */
import path from 'node:path';

export interface HostileKey {
  key: string;
  family: string;
  /** Printable description (the key itself may hold control bytes). */
  label: string;
}

const hex = (c: number) => `U+${c.toString(16).toUpperCase().padStart(4, '0')}`;

function controls(): HostileKey[] {
  const codes = [...Array.from({ length: 32 }, (_, i) => i), 0x7f];
  return codes.flatMap((c) => [
    { key: `ctl/${String.fromCharCode(c)}`, family: 'control', label: `${hex(c)} alone` },
    { key: `ctl/a${String.fromCharCode(c)}b.txt`, family: 'control', label: `${hex(c)} inside` },
  ]);
}

function bidi(): HostileKey[] {
  const codes = [0x200e, 0x200f, 0x061c, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069];
  return codes.flatMap((c) => [
    { key: `bidi/${String.fromCharCode(c)}gpj.exe`, family: 'bidi', label: `${hex(c)} first` },
    { key: `bidi/x${String.fromCharCode(c)}`, family: 'bidi', label: `${hex(c)} last` },
  ]);
}

/** Each word in NFC and NFD: two different keys a normalising layer would merge. */
function unicodeForms(): HostileKey[] {
  const words = ['café', 'Ångström', 'niño', '한국어', 'ﬁle', 'Ǆ', 'ṩ', 'résumé.pdf', 'über/straße', 'e\u0301\u0301'];
  return words.flatMap((w) =>
    (['NFC', 'NFD', 'NFKC', 'NFKD'] as const).map((form) => ({
      key: `nf/${form}/${w.normalize(form)}`,
      family: 'unicode',
      label: `${w} ${form}`,
    })),
  );
}

/** Valid UTF-8 that XML 1.0 cannot carry, and code points past the BMP. */
function xmlInvalid(): HostileKey[] {
  const chars = [
    '\ufffe',
    '\uffff',
    '\ufdd0',
    '\ufdef',
    '\u{1fffe}',
    '\u{10ffff}',
    '\u{1f600}',
    '\u0085',
    '\u2028',
    '\u2029',
    '\ufeff',
    ']]>',
    '<![CDATA[x]]>',
    '&amp;',
    '&#0;',
    '<a>',
    '"\'<>&',
  ];
  return chars.map((c, i) => ({ key: `xml/${i}-${c}`, family: 'xml', label: [...c].map((ch) => hex(ch.codePointAt(0) ?? 0)).join(' ') }));
}

function percentPlus(): HostileKey[] {
  const names = [
    '%',
    '%%',
    '%20',
    '%2F',
    '%2f',
    '%25',
    '%00',
    '%u0041',
    '%E9',
    '%C3%A9',
    '+',
    '++',
    'a+b',
    'a b',
    'a%2Bb',
    '+%2B+',
    ' lead',
    'trail ',
    '％２Ｆ',
    '＋',
    '﹢',
    '⁺',
    '∕',
    '⁄',
    '／',
    '＼',
    'a?b',
    'a#b',
    'a&b=c',
    '~user',
    '*',
    'a;b',
    '@',
    'a:b',
  ];
  return names.map((n) => ({ key: `pct/${n}`, family: 'percent-plus', label: JSON.stringify(n) }));
}

function dotForms(): HostileKey[] {
  const keys = [
    '..',
    '.',
    '...',
    'dots/..',
    'dots/.',
    'dots/../escape',
    'dots/./here',
    'dots/a/../../b',
    'dots//double',
    '/leading',
    'dots/trailing/',
    'dots/..\\win',
    'dots/a\\b',
    'dots/.hidden',
    'dots/..hidden',
    'dots/hidden..',
    'dots/․․',
    'dots/%2E%2E/x',
    'dots/. .',
  ];
  return keys.map((k) => ({ key: k, family: 'dots', label: JSON.stringify(k) }));
}

function windowsNames(): HostileKey[] {
  const reserved = [
    'CON',
    'PRN',
    'AUX',
    'NUL',
    'COM1',
    'COM9',
    'LPT1',
    'LPT9',
    'con',
    'nul.txt',
    'Com1.tar.gz',
    'CONIN$',
    'CONOUT$',
    'COM¹',
    'LPT²',
  ];
  const shapes = [
    'trailing.',
    'trailing..',
    'trailing ',
    'trailing. ',
    'a<b',
    'a>b',
    'a"b',
    'a|b',
    'a*b?',
    'C:drive',
    'file.txt:stream',
    'x'.repeat(255),
    'é'.repeat(128),
  ];
  return [...reserved, ...shapes].map((n) => ({
    key: `win/${n}`,
    family: 'windows',
    label: JSON.stringify(n.length > 40 ? `${n.slice(0, 8)}… (${Buffer.byteLength(n)} bytes)` : n),
  }));
}

/** Keys of exactly 1,024 bytes (one segment, many segments, multi-byte) and just past it. */
function lengths(): HostileKey[] {
  const fill = (lead: string, unit: string, bytes: number) => {
    let key = lead;
    while (Buffer.byteLength(key + unit) <= bytes) key += unit;
    while (Buffer.byteLength(key) < bytes) key += 'z';
    return key;
  };
  const segmented = (bytes: number) => {
    const parts: string[] = [];
    let key = 'len/seg';
    while (Buffer.byteLength(key) + 201 <= bytes) key += `/${'s'.repeat(200)}`;
    parts.push(key);
    return fill(key + '/', 'q', bytes);
  };
  return [
    { key: fill('len/one-', 'a', 1024), family: 'length', label: '1,024 bytes, one long segment' },
    { key: segmented(1024), family: 'length', label: '1,024 bytes, 200-byte segments' },
    { key: fill('len/multi-', '€', 1024), family: 'length', label: '1,024 bytes of three-byte characters' },
    { key: fill('len/emoji-', '😀', 1024), family: 'length', label: '1,024 bytes of four-byte characters' },
  ];
}

/** Past S3's limit: never sent to a server; Ferry refuses them by their length. */
export function overLimitKeys(): HostileKey[] {
  return [
    { key: `len/over-${'a'.repeat(1024 - 9 + 1)}`, family: 'length', label: '1,025 bytes' },
    { key: `len/over-${'é'.repeat(600)}`, family: 'length', label: '1,209 bytes of two-byte characters' },
    { key: 'len/over-'.padEnd(4096, 'b'), family: 'length', label: '4,096 bytes' },
  ];
}

/** Strings that are not Unicode text: a lone surrogate has no UTF-8 form, so it cannot be a key at all. */
export function unencodableKeys(): HostileKey[] {
  return [
    { key: 'sur/\ud800', family: 'surrogate', label: 'lone high surrogate' },
    { key: 'sur/\udfff-x', family: 'surrogate', label: 'lone low surrogate' },
    { key: 'sur/\ude00\ud83d', family: 'surrogate', label: 'surrogates reversed' },
  ];
}

/** Every key of at most 1,024 bytes, each once. */
export function hostileKeys(): HostileKey[] {
  const all = [
    ...controls(),
    ...bidi(),
    ...unicodeForms(),
    ...xmlInvalid(),
    ...percentPlus(),
    ...dotForms(),
    ...windowsNames(),
    ...lengths(),
  ];
  const seen = new Set<string>();
  return all.filter((k) => !seen.has(k.key) && seen.add(k.key));
}

const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)(\..*)?$/i;

/**
 * Why `key` cannot become a file under a folder on `platform`, or undefined
 * when it can. The test's own statement of the rules (written apart from
 * Ferry's check, which it is compared with).
 */
export function localNameProblem(key: string, platform: NodeJS.Platform = process.platform): string | undefined {
  const segments = key.split('/');
  if (key.endsWith('/')) segments.pop();
  for (const s of segments) {
    if (s === '' || s === '.' || s === '..') return 'empty or dot segment';
    if (s.includes('\\')) return 'backslash';
    if (s.includes('\0')) return 'NUL';
    if (Buffer.byteLength(s) > 255) return 'segment over 255 bytes';
    if (platform === 'win32') {
      // eslint-disable-next-line no-control-regex -- the characters Windows refuses
      if (/[<>:"|?*\u0000-\u001f]/.test(s)) return 'character Windows forbids';
      if (/[. ]$/.test(s)) return 'trailing dot or space';
      if (WINDOWS_RESERVED.test(s)) return 'Windows reserved name';
    }
  }
  return undefined;
}

/** The local path a key lands at under `root`. */
export function localPathOf(root: string, key: string): string {
  return path.join(root, ...key.split('/'));
}
