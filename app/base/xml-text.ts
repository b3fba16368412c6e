/**
 * Text inside the XML bodies Ferry writes (a DeleteObjects request, the demo
 * server's answers): what XML 1.0 can carry, and the escaping that keeps it
 * the same text on the way back.
 */

const SPECIAL: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  '\u0085': '&#x85;',
  '\u2028': '&#x2028;',
};

/**
 * The five markup characters as entities, and NEL and LINE SEPARATOR as
 * character references: a parser that reads them as line ends (as XML 1.1
 * does) would turn them into LF, and a delete would then name another key.
 */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"'\u0085\u2028]/g, (c) => SPECIAL[c] as string);
}

/**
 * Characters XML 1.0 cannot carry (control characters other than tab, CR and
 * LF, lone surrogates, U+FFFE, U+FFFF), and tab, CR and LF too: a parser
 * normalises line ends and some servers trim or fold whitespace, so text
 * with them may not come back the same.
 */
// eslint-disable-next-line no-control-regex
const NOT_FOR_XML = /[\u0000-\u001f\u007f\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Whether `text` survives a trip through an XML body unchanged on every server. */
export function xmlCarries(text: string): boolean {
  return !NOT_FOR_XML.test(text);
}
