/**
 * Writing the XML answers and reading the few XML bodies (DeleteObjects,
 * CompleteMultipartUpload, Tagging) the demo server receives. Reading goes
 * through Ferry's own linear scanner, which expands no entity definitions.
 */
import { scanXml, type XmlElement } from '../../s3/direct/prepared/xml-scanner.js';
import { S3Error } from './s3-error.js';
import { escapeXml } from '../../base/xml-text.js';

const NS = 'http://s3.amazonaws.com/doc/2006-03-01/';

/** A value in an element tree: text, a nested element, or a list of elements of the same name. */
export type XmlValue = string | number | boolean | XmlTree | XmlTree[] | string[] | undefined;
export interface XmlTree {
  [name: string]: XmlValue;
}

function write(name: string, value: XmlValue): string {
  if (value === undefined) return '';
  if (Array.isArray(value)) return (value as (XmlTree | string)[]).map((v) => write(name, v)).join('');
  if (typeof value === 'object') {
    let inner = '';
    for (const [child, v] of Object.entries(value)) inner += write(child, v);
    return `<${name}>${inner}</${name}>`;
  }
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

/** One document: `<Root xmlns=…>…</Root>` with the declaration before it. */
export function xmlDocument(root: string, tree: XmlTree): string {
  let inner = '';
  for (const [child, v] of Object.entries(tree)) inner += write(child, v);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${root} xmlns="${NS}">${inner}</${root}>`;
}

export function errorDocument(code: string, message: string, resource: string, requestId: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${write('Error', { Code: code, Message: message, Resource: resource, RequestId: requestId })}`;
}

/** A request body as an element tree, or MalformedXML naming what is wrong. */
export function readXmlBody(text: string, root: string): XmlElement {
  let doc: XmlElement;
  try {
    doc = scanXml(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new S3Error('MalformedXML', 400, `The XML you provided was not well-formed: ${(err as Error).message}.`);
  }
  if (doc.name !== root) throw new S3Error('MalformedXML', 400, `The XML you provided has <${doc.name}> where <${root}> was expected.`);
  return doc;
}

export function childText(el: XmlElement, name: string): string | undefined {
  return el.children.find((c) => c.name === name)?.text;
}

export function childrenNamed(el: XmlElement, name: string): XmlElement[] {
  return el.children.filter((c) => c.name === name);
}
