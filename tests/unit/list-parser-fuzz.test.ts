// Differential fuzz of the listing page reader against two reference XML
// readers (xmldom for values, fast-xml-parser's validator for form):
// generated valid pages read the same; mutated pages that either reference
// calls malformed are refused with Ferry's clean server error (never another
// exception); every page costs work linear in its length.
import { DOMParser } from '@xmldom/xmldom';
import fc from 'fast-check';
import { validate } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { FerryError } from '../../app/api/errors';
import { parseListPage, type ListPage } from '../../app/s3/direct/prepared/list-parser';
import { scanXml, type ScanMeter } from '../../app/s3/direct/prepared/xml-scanner';

const xmlChar = (cp: number) =>
  cp === 0x9 || cp === 0xa || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);

/** Text as a server might write it: the three must-escapes, and any other character now and then as a numeric reference. */
const textArb = fc.array(fc.tuple(fc.integer({ min: 0, max: 0x10ffff }), fc.integer({ min: 0, max: 9 })), { maxLength: 24 }).map((pairs) =>
  pairs
    .filter(([cp]) => xmlChar(cp) || cp === 0xd)
    .map(([cp, how]) => {
      const ch = String.fromCodePoint(cp);
      // A raw CR would be normalised by an XML reader; servers send it as a reference. xmldom also reads a raw NEL or
      // LINE SEPARATOR as a line end (as XML 1.1 does; S3's XML is 1.0, where they are text): those go as references too.
      if (cp === 0xd || cp === 0x85 || cp === 0x2028 || how === 0) return `&#${cp};`;
      if (how === 1) return `&#x${cp.toString(16)};`;
      if (ch === '&') return '&amp;';
      if (ch === '<') return '&lt;';
      if (ch === '>') return how === 2 ? '&gt;' : '>';
      if (ch === '"' && how === 3) return '&quot;';
      if (ch === "'" && how === 4) return '&apos;';
      return ch;
    })
    .join(''),
);

const dateArb = fc.date({ min: new Date('1970-01-01'), max: new Date('2200-01-01'), noInvalidDate: true }).map((d) => d.toISOString());
const ws = fc.constantFrom('', '', '\n', '  ', '\n\t');

const contentsArb = fc.record({
  Key: textArb,
  LastModified: dateArb,
  ETag: fc.stringMatching(/^"[0-9a-f]{32}(-[1-9][0-9]{0,3})?"$/).map((e) => e.replace(/"/g, '&quot;')),
  Size: fc.nat(),
  StorageClass: fc.constantFrom('STANDARD', 'GLACIER', 'STANDARD_IA'),
  owner: fc.option(fc.record({ ID: textArb, DisplayName: textArb })),
});

const pageArb = fc.record({
  Name: textArb,
  Prefix: textArb,
  KeyCount: fc.nat(1000),
  MaxKeys: fc.nat(1000),
  IsTruncated: fc.boolean(),
  NextContinuationToken: fc.option(textArb),
  contents: fc.array(contentsArb, { maxLength: 8 }),
  prefixes: fc.array(textArb, { maxLength: 4 }),
  gap: ws,
  declaration: fc.boolean(),
});

type Page = typeof pageArb extends fc.Arbitrary<infer T> ? T : never;

function render(p: Page): string {
  const g = p.gap;
  const el = (tag: string, text: string | number | boolean) => `${g}<${tag}>${String(text)}</${tag}>`;
  const contents = p.contents
    .map(
      (c) =>
        `${g}<Contents>${el('Key', c.Key)}${el('LastModified', c.LastModified)}${el('ETag', c.ETag)}${el('Size', c.Size)}` +
        `${c.owner ? `<Owner>${el('ID', c.owner.ID)}${el('DisplayName', c.owner.DisplayName)}</Owner>` : ''}${el('StorageClass', c.StorageClass)}</Contents>`,
    )
    .join('');
  const prefixes = p.prefixes.map((x) => `<CommonPrefixes>${el('Prefix', x)}</CommonPrefixes>`).join('');
  return (
    `${p.declaration ? '<?xml version="1.0" encoding="UTF-8"?>\n' : ''}<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">` +
    `${el('Name', p.Name)}${el('Prefix', p.Prefix)}${el('KeyCount', p.KeyCount)}${el('MaxKeys', p.MaxKeys)}${el('IsTruncated', p.IsTruncated)}` +
    `${p.NextContinuationToken !== null ? el('NextContinuationToken', p.NextContinuationToken) : ''}${contents}${prefixes}${g}</ListBucketResult>`
  );
}

/** The same page read by xmldom, in the SDK's shape; null when xmldom finds it malformed. */
function reference(xml: string): ListPage | null {
  let doc: Document;
  try {
    doc = new DOMParser({
      errorHandler: {
        warning: () => undefined,
        error: (m: string) => {
          throw new Error(m);
        },
        fatalError: (m: string) => {
          throw new Error(m);
        },
      },
    }).parseFromString(xml, 'text/xml') as unknown as Document;
  } catch {
    return null;
  }
  const root = doc.documentElement;
  if (!root || root.tagName !== 'ListBucketResult') return null;
  const kids = (e: Element) => Array.from(e.childNodes).filter((n): n is Element => n.nodeType === 1);
  const text = (e: Element) => e.textContent ?? '';
  const page: ListPage = {};
  const contents: NonNullable<ListPage['Contents']> = [];
  const prefixes: { Prefix?: string }[] = [];
  for (const c of kids(root)) {
    const name = c.tagName;
    if (name === 'Contents') {
      const o: Record<string, unknown> = {};
      for (const f of kids(c)) {
        if (f.tagName === 'Size') o.Size = Number(text(f));
        else if (f.tagName === 'LastModified') o.LastModified = new Date(text(f));
        else if (f.tagName === 'Owner') o.Owner = Object.fromEntries(kids(f).map((x) => [x.tagName, text(x)]));
        else o[f.tagName] = text(f);
      }
      contents.push(o);
    } else if (name === 'CommonPrefixes') {
      const p = kids(c).find((x) => x.tagName === 'Prefix');
      prefixes.push(p ? { Prefix: text(p) } : {});
    } else if (name === 'KeyCount' || name === 'MaxKeys') page[name] ??= Number(text(c));
    else if (name === 'IsTruncated') page.IsTruncated ??= text(c) === 'true';
    else if (!(name in page)) (page as Record<string, unknown>)[name] = text(c);
  }
  if (contents.length) page.Contents = contents;
  if (prefixes.length) page.CommonPrefixes = prefixes;
  return page;
}

function linear(xml: string): void {
  const meter: ScanMeter = { chars: 0 };
  try {
    scanXml(xml, meter);
  } catch {
    // Refusing is fine; the work it took is what is measured.
  }
  expect(meter.chars).toBeLessThanOrEqual(3 * xml.length + 100);
}

const mutationArb = fc.tuple(fc.nat(), fc.constantFrom('cut', 'drop', 'insert-lt', 'insert-amp', 'swap-close', 'dup-open'), fc.nat());

function mutate(xml: string, [at, how, other]: [number, string, number]): string {
  const i = at % Math.max(1, xml.length);
  switch (how) {
    case 'cut':
      return xml.slice(0, i);
    case 'drop':
      return xml.slice(0, i) + xml.slice(i + 1);
    case 'insert-lt':
      return `${xml.slice(0, i)}<${xml.slice(i)}`;
    case 'insert-amp':
      return `${xml.slice(0, i)}&${xml.slice(i)}`;
    case 'swap-close': {
      const closes = [...xml.matchAll(/<\/\w+>/g)];
      const m = closes[other % Math.max(1, closes.length)];
      return m?.index === undefined ? xml : `${xml.slice(0, m.index)}</Wrong>${xml.slice(m.index + m[0].length)}`;
    }
    default:
      return `${xml.slice(0, i)}<Contents>${xml.slice(i)}`;
  }
}

describe('list parser: differential fuzz', () => {
  it('reads generated valid pages exactly as xmldom does, in linear work', () => {
    fc.assert(
      fc.property(pageArb, (p) => {
        const xml = render(p);
        const expected = reference(xml);
        // xmldom now and then puts a line feed before a text that follows astral characters (seen: an Owner ID of
        // "\n…" where the page has no line feed at all). Such a page says nothing about Ferry: skip it.
        fc.pre(!(JSON.stringify(expected).includes('\\n') && !/\n|&#10;|&#x0*a;/i.test(xml.slice(xml.indexOf('<ListBucketResult')))));
        expect(expected).not.toBeNull();
        expect(parseListPage(xml)).toEqual(expected);
        linear(xml);
      }),
      { numRuns: 400 },
    );
  });

  it('refuses every mutated page a reference calls malformed with the clean server error, and never throws anything else', () => {
    let refusedByReference = 0;
    fc.assert(
      fc.property(pageArb, mutationArb, (p, m) => {
        const xml = mutate(render(p), m);
        const malformed = reference(xml) === null || validate(xml) !== true;
        let ours: ListPage | FerryError;
        try {
          ours = parseListPage(xml);
        } catch (err) {
          expect(err).toBeInstanceOf(FerryError);
          expect((err as FerryError).code).toBe('server');
          ours = err as FerryError;
        }
        // Where both accept a mutated page, values are not compared: xmldom repairs some damage (a bad character
        // reference) that Ferry refuses, and equal values are the first property's, on pages known to be valid.
        if (malformed) {
          refusedByReference++;
          expect(ours).toBeInstanceOf(FerryError);
        }
        linear(xml);
      }),
      { numRuns: 1500 },
    );
    // The mutations must actually break pages, or the property proves nothing.
    expect(refusedByReference).toBeGreaterThan(500);
  });
});
