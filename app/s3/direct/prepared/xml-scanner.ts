/**
 * A single-pass reader for the small, flat XML documents S3 answers with.
 * Every character is looked at a bounded number of times, so a hostile or
 * broken page costs time in proportion to its length (a lazy regex over an
 * unclosed element rescans to the end of the page for every opening tag).
 * It refuses, with the reason, what is not one well-formed element tree:
 * an unclosed or mismatched element, a missing root close, text outside the
 * root, a DOCTYPE (no entity definitions are ever expanded), an unknown
 * entity or a numeric one that is not a character.
 */

export interface XmlElement {
  name: string;
  /** The element's own text (entities resolved), its children's text excluded. */
  text: string;
  children: XmlElement[];
}

export class XmlPageError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'XmlPageError';
  }
}

/** Deeper than any S3 document nests; a guard against a stack of a million open tags. */
const MAX_DEPTH = 64;
const NAMED: Record<string, string> = { quot: '"', amp: '&', lt: '<', gt: '>', apos: "'" };

function isXmlChar(cp: number): boolean {
  return (
    cp === 0x9 ||
    cp === 0xa ||
    cp === 0xd ||
    (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

/** Resolves the five named entities and numeric character references; anything else is refused. */
export function decodeText(raw: string): string {
  let amp = raw.indexOf('&');
  if (amp < 0) return raw;
  let out = '';
  let from = 0;
  while (amp >= 0) {
    const semi = raw.indexOf(';', amp);
    // Entity names are short: looking further than 12 characters would make a page of bare '&' quadratic.
    if (semi < 0 || semi - amp > 12) throw new XmlPageError(`a bare "&" at character ${amp} of a text`);
    const name = raw.slice(amp + 1, semi);
    let value: string | undefined;
    if (name.startsWith('#')) {
      const hex = name[1] === 'x';
      const digits = name.slice(hex ? 2 : 1);
      const cp = (hex ? /^[0-9a-fA-F]{1,8}$/ : /^[0-9]{1,10}$/).test(digits) ? parseInt(digits, hex ? 16 : 10) : NaN;
      if (!isXmlChar(cp)) throw new XmlPageError(`"&${name};" is not a character XML allows`);
      value = String.fromCodePoint(cp);
    } else value = NAMED[name];
    if (value === undefined) throw new XmlPageError(`an unknown entity "&${name};"`);
    out += raw.slice(from, amp) + value;
    from = semi + 1;
    amp = raw.indexOf('&', from);
  }
  return out + raw.slice(from);
}

const NAME = /^[A-Za-z_][\w.:-]*$/;

/** Counts the characters a scan looks at, for tests that hold it to linear work. */
export interface ScanMeter {
  chars: number;
}

/** The document's root element, or an XmlPageError saying why the text is not one. */
export function scanXml(xml: string, meter?: ScanMeter): XmlElement {
  const n = xml.length;
  // Every search goes through here, so the meter sees each character a search passes over.
  const find = (needle: string, from: number): number => {
    const at = xml.indexOf(needle, from);
    if (meter) meter.chars += (at < 0 ? n : at + needle.length) - from;
    return at;
  };
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let i = 0;
  while (i < n) {
    const lt = find('<', i);
    const textEnd = lt < 0 ? n : lt;
    if (textEnd > i) {
      const raw = xml.slice(i, textEnd);
      const top = stack[stack.length - 1];
      if (meter) meter.chars += raw.length;
      if (top) top.text += decodeText(raw);
      else if (raw.trim() !== '') throw new XmlPageError(root ? 'text after the root element' : 'text before the root element');
    }
    if (lt < 0) break;
    if (xml.startsWith('<?', lt)) {
      const end = find('?>', lt + 2);
      if (end < 0) throw new XmlPageError('an unclosed processing instruction');
      i = end + 2;
    } else if (xml.startsWith('<!--', lt)) {
      const end = find('-->', lt + 4);
      if (end < 0) throw new XmlPageError('an unclosed comment');
      i = end + 3;
    } else if (xml.startsWith('<![CDATA[', lt)) {
      const end = find(']]>', lt + 9);
      const top = stack[stack.length - 1];
      if (end < 0 || !top) throw new XmlPageError(end < 0 ? 'an unclosed CDATA section' : 'a CDATA section outside the root');
      top.text += xml.slice(lt + 9, end);
      i = end + 3;
    } else if (xml.startsWith('<!', lt)) {
      throw new XmlPageError('a DOCTYPE or other declaration, which S3 never sends');
    } else if (xml.startsWith('</', lt)) {
      const end = find('>', lt + 2);
      if (end < 0) throw new XmlPageError('a closing tag cut short');
      const name = xml.slice(lt + 2, end).trimEnd();
      const open = stack.pop();
      if (!open) throw new XmlPageError(`a closing </${name.slice(0, 40)}> with nothing open`);
      if (open.name !== name) throw new XmlPageError(`<${open.name}> closed by </${name.slice(0, 40)}>`);
      i = end + 1;
    } else {
      const end = tagEnd(xml, lt + 1);
      if (meter) meter.chars += end - lt;
      const selfClosing = xml[end - 1] === '/';
      const inner = xml.slice(lt + 1, selfClosing ? end - 1 : end);
      const space = inner.search(/[\s]/);
      const name = space < 0 ? inner : inner.slice(0, space);
      if (!NAME.test(name)) throw new XmlPageError(`an invalid element name "${name.slice(0, 40)}"`);
      if (space >= 0) checkAttributes(inner.slice(space), name);
      const element: XmlElement = { name, text: '', children: [] };
      const parent = stack[stack.length - 1];
      if (parent) parent.children.push(element);
      else if (root) throw new XmlPageError('a second root element');
      else root = element;
      if (!selfClosing) {
        if (stack.length >= MAX_DEPTH) throw new XmlPageError(`elements nested deeper than ${MAX_DEPTH}`);
        stack.push(element);
      }
      i = end + 1;
    }
  }
  const open = stack[stack.length - 1];
  if (open) throw new XmlPageError(open === root ? `the root <${open.name}> is never closed` : `<${open.name}> is never closed`);
  if (!root) throw new XmlPageError('no XML element at all');
  return root;
}

/** Attributes are not read (S3 uses only xmlns), but they must be well-formed: name="value", entities valid. */
const ATTRIBUTES = /^(?:\s+[A-Za-z_][\w.:-]*\s*=\s*(?:"[^"<]*"|'[^'<]*'))*\s*$/;
const VALUES = /"([^"]*)"|'([^']*)'/g;

function checkAttributes(text: string, element: string): void {
  if (!ATTRIBUTES.test(text)) throw new XmlPageError(`malformed attributes on <${element}>`);
  for (const m of text.matchAll(VALUES)) decodeText(m[1] ?? m[2] ?? '');
}

/** Index of the '>' that ends a start tag begun at `from`, skipping quoted attribute values. */
function tagEnd(xml: string, from: number): number {
  let quote = '';
  for (let j = from; j < xml.length; j++) {
    const c = xml[j];
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '>') return j;
    else if (c === '<') break;
  }
  throw new XmlPageError('a start tag cut short');
}
