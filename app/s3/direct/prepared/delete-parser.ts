/**
 * A DeleteObjects answer read straight from its XML into the SDK's output
 * shape (Deleted and Errors, each entry with the fields S3 gives it). An
 * answer that is not well-formed is refused whole: a key counts as deleted
 * only when the server's answer says so, and a broken answer says nothing.
 */
import { FerryError } from '../../../api/errors.js';
import { scanXml, XmlPageError, type XmlElement } from './xml-scanner.js';

export interface DeletedEntry {
  Key?: string;
  VersionId?: string;
  DeleteMarker?: boolean;
  DeleteMarkerVersionId?: string;
}

export interface DeleteErrorEntry {
  Key?: string;
  VersionId?: string;
  Code?: string;
  Message?: string;
}

export interface DeleteAnswer {
  Deleted?: DeletedEntry[];
  Errors?: DeleteErrorEntry[];
}

function brokenAnswer(reason: string): FerryError {
  return new FerryError('server', `The server sent a broken answer to a delete (${reason}); no key in that batch counts as deleted.`, {
    details: { fault: 'delete' },
  });
}

function deleted(el: XmlElement): DeletedEntry {
  const d: DeletedEntry = {};
  for (const c of el.children) {
    if (c.name === 'Key' || c.name === 'VersionId' || c.name === 'DeleteMarkerVersionId') d[c.name] = c.text;
    else if (c.name === 'DeleteMarker') d.DeleteMarker = c.text === 'true';
  }
  return d;
}

function refused(el: XmlElement): DeleteErrorEntry {
  const e: DeleteErrorEntry = {};
  for (const c of el.children) {
    if (c.name === 'Key' || c.name === 'VersionId' || c.name === 'Code' || c.name === 'Message') e[c.name] = c.text;
  }
  return e;
}

/** The answer's entries; a document whose root is <Error> is the caller's to raise (`isError`). */
export function parseDeleteAnswer(xml: string): DeleteAnswer & { isError?: true } {
  let root: XmlElement;
  try {
    root = scanXml(xml);
  } catch (err) {
    if (err instanceof XmlPageError) throw brokenAnswer(err.message);
    throw err;
  }
  if (root.name === 'Error') return { isError: true };
  if (root.name !== 'DeleteResult') throw brokenAnswer(`its root is <${root.name.slice(0, 40)}>, not <DeleteResult>`);
  const out: DeleteAnswer = {};
  for (const c of root.children) {
    if (c.name === 'Deleted') (out.Deleted ??= []).push(deleted(c));
    else if (c.name === 'Error') (out.Errors ??= []).push(refused(c));
  }
  return out;
}
