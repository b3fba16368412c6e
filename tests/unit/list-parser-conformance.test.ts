// The listing reader held to the definitions it implements, for the cases a
// mutation run found unpinned: XML 1.0's Char production and character
// references (§2.2, §4.1), comments, CDATA, processing instructions, end
// tags and attributes (§2.5–2.8, §3.1), and S3's ListObjectsV2 fields
// (numbers, booleans, the restore group, the first of a repeated field). Every
// expected value comes from those texts, not from running the reader.
import { describe, expect, it } from 'vitest';
import { FerryError } from '../../app/api/errors';
import { parseListPage } from '../../app/s3/direct/prepared/list-parser';
import { decodeText, scanXml, XmlPageError, type ScanMeter } from '../../app/s3/direct/prepared/xml-scanner';

function scanRefusal(xml: string): string {
  try {
    scanXml(xml);
  } catch (err) {
    expect(err).toBeInstanceOf(XmlPageError);
    expect((err as Error).name).toBe('XmlPageError');
    return (err as Error).message;
  }
  throw new Error(`accepted: ${xml.slice(0, 60)}`);
}

function decodeRefusal(text: string): string {
  try {
    decodeText(text);
  } catch (err) {
    expect(err).toBeInstanceOf(XmlPageError);
    return (err as Error).message;
  }
  throw new Error(`accepted: ${text}`);
}

function pageRefusal(xml: string): FerryError {
  try {
    parseListPage(xml);
  } catch (err) {
    expect(err).toBeInstanceOf(FerryError);
    return err as FerryError;
  }
  throw new Error('the page was accepted');
}

const page = (inner: string) => `<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">${inner}</ListBucketResult>`;

describe('character references follow XML 1.0 Char (#x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF])', () => {
  it('accepts each edge of each range', () => {
    const allowed: [string, number][] = [
      ['&#x9;', 0x9],
      ['&#xA;', 0xa],
      ['&#xD;', 0xd],
      ['&#x20;', 0x20],
      ['&#xD7FF;', 0xd7ff],
      ['&#xE000;', 0xe000],
      ['&#xFFFD;', 0xfffd],
      ['&#x10000;', 0x10000],
      ['&#x10FFFF;', 0x10ffff],
      ['&#9;', 9],
      ['&#65;', 65],
    ];
    for (const [ref, cp] of allowed) expect(decodeText(`a${ref}b`), ref).toBe(`a${String.fromCodePoint(cp)}b`);
  });

  it('refuses the code points just outside them', () => {
    for (const ref of [
      '&#x0;',
      '&#x8;',
      '&#xB;',
      '&#xC;',
      '&#xE;',
      '&#x1F;',
      '&#xD800;',
      '&#xDFFF;',
      '&#xFFFE;',
      '&#xFFFF;',
      '&#x110000;',
      '&#8;',
    ]) {
      expect(decodeRefusal(ref), ref).toBe(`"${ref}" is not a character XML allows`);
    }
  });

  it('a reference is all digits of its base up to ";"', () => {
    for (const ref of ['&#x41z;', '&#65z;', '&#x;', '&#;', '&#xG;', '&#-65;'])
      expect(decodeRefusal(ref), ref).toContain('is not a character');
    // Leading zeros are digits too: ten of them and the ';' sit 12 characters after the '&'.
    expect(decodeText('&#0000000065;')).toBe('A');
    expect(decodeText('&#x00000041;')).toBe('A');
  });

  it('the five predefined entities and nothing else; a lone "&" is refused', () => {
    expect(decodeText('&lt;&gt;&amp;&apos;&quot;')).toBe(`<>&'"`);
    expect(decodeText('plain')).toBe('plain');
    expect(decodeRefusal('&nbsp;')).toBe('an unknown entity "&nbsp;"');
    expect(decodeRefusal('a & b')).toContain('a bare "&" at character 2');
    expect(decodeRefusal('tail &')).toContain('a bare "&"');
  });
});

describe('the markup S3 pages may hold', () => {
  it('comments and processing instructions are skipped wherever they stand', () => {
    expect(scanXml('<?xml version="1.0"?><!-- a --><r>a<!-- b -->b<?pi x?>c</r><!-- end -->')).toEqual({
      name: 'r',
      text: 'abc',
      children: [],
    });
    expect(scanXml('<r><!----></r>').text).toBe('');
  });

  it('an unclosed comment or processing instruction is named', () => {
    expect(scanRefusal('<r><!--></r>')).toBe('an unclosed comment');
    expect(scanRefusal('<r><!-- no end</r>')).toBe('an unclosed comment');
    expect(scanRefusal('<?><r/>')).toBe('an unclosed processing instruction');
    expect(scanRefusal('<?xml version="1.0"')).toBe('an unclosed processing instruction');
  });

  it('CDATA is the text as written, inside an element only', () => {
    expect(scanXml('<r>a<![CDATA[<b>&amp;]]>c</r>').text).toBe('a<b>&amp;c');
    expect(scanXml('<r><![CDATA[]]></r>').text).toBe('');
    expect(scanRefusal('<r><![CDATA[never closed</r>')).toBe('an unclosed CDATA section');
    expect(scanRefusal('<![CDATA[x]]><r/>')).toBe('a CDATA section outside the root');
  });

  it('end tags: whitespace may follow the name, not precede it; each names what it closes', () => {
    expect(scanXml('<r><a>x</a ></r  >').children).toEqual([{ name: 'a', text: 'x', children: [] }]);
    expect(scanRefusal('<r></ r>')).toBe('<r> closed by </ r>');
    expect(scanRefusal('<r><a></b></r>')).toBe('<a> closed by </b>');
    expect(scanRefusal('<r/></x>')).toBe('a closing </x> with nothing open');
    expect(scanRefusal('<r></r')).toBe('a closing tag cut short');
  });

  it('element names start with a letter or "_" and may hold letters, digits, ".", "-", "_" and ":"', () => {
    expect(scanXml('<a:b.c-d_1/>').name).toBe('a:b.c-d_1');
    expect(scanXml('<_x/>').name).toBe('_x');
    for (const bad of ['<1a/>', '<-a/>', '<.a/>', '<r><a$/></r>']) expect(scanRefusal(bad), bad).toMatch(/^an invalid element name "/);
  });

  it('attributes: name="value" or name=\'value\', separated by whitespace, values without "<" and with valid references', () => {
    expect(scanXml(`<r a="1" b='2' c = "x&amp;y" d="it's" e='say "hi"'>t</r>`).text).toBe('t');
    expect(scanXml('<r a=">">t</r>').text).toBe('t');
    expect(scanXml("<r a='>'>t</r>").text).toBe('t');
    expect(scanXml('<r\ta="1"\n/>').name).toBe('r');
    for (const bad of ['<r a=1/>', '<r a="1"b="2"/>', '<r a="<"/>', "<r a='<'/>", '<r a/>', '<r ="1"/>']) {
      expect(scanRefusal(bad), bad).toBe('malformed attributes on <r>');
    }
    expect(scanRefusal('<r a="&bogus;"/>')).toBe('an unknown entity "&bogus;"');
    expect(scanRefusal("<r a='&bogus;'/>")).toBe('an unknown entity "&bogus;"');
    expect(scanRefusal('<r a="x&#1;"/>')).toBe('"&#1;" is not a character XML allows');
    expect(scanRefusal('<r a="1"')).toBe('a start tag cut short');
    expect(scanRefusal('<r a="1" <b/>')).toBe('a start tag cut short');
  });

  it('one root: text or a second element outside it is refused; whitespace is not text', () => {
    expect(scanXml(' \n<r/>\n ').name).toBe('r');
    expect(scanRefusal('x<r/>')).toBe('text before the root element');
    expect(scanRefusal('<r/>x')).toBe('text after the root element');
    expect(scanRefusal('<r/><s/>')).toBe('a second root element');
    for (const empty of ['', '   ', '<!-- only -->', '<?xml version="1.0"?>']) expect(scanRefusal(empty)).toBe('no XML element at all');
    expect(scanRefusal('<r><a>')).toBe('<a> is never closed');
    expect(scanRefusal('<r>')).toBe('the root <r> is never closed');
  });

  it('nesting is capped at 64 open elements', () => {
    const nest = (depth: number) => `${'<a>'.repeat(depth)}${'</a>'.repeat(depth)}`;
    expect(() => scanXml(nest(64))).not.toThrow();
    expect(scanRefusal(nest(65))).toBe('elements nested deeper than 64');
  });

  it('the meter counts the characters searches pass over: most of the page, each a bounded number of times', () => {
    for (const xml of [page('<Name>b</Name><!-- c --><Prefix>p</Prefix>'), '<r a="1">text<![CDATA[x]]><?pi?></r>']) {
      const meter: ScanMeter = { chars: 0 };
      scanXml(xml, meter);
      // Tag delimiters a search starts past are not counted, so "most" rather than all.
      expect(meter.chars).toBeGreaterThan(xml.length / 2);
      expect(meter.chars).toBeLessThanOrEqual(3 * xml.length);
    }
  });
});

describe('ListObjectsV2 fields', () => {
  it('every text field of the result is read, and the first of a repeated field wins', () => {
    const parsed = parseListPage(
      page(
        '<Name>b</Name><Name>other</Name><Prefix>p/</Prefix><Delimiter>/</Delimiter><ContinuationToken>c1</ContinuationToken>' +
          '<NextContinuationToken>n1</NextContinuationToken><StartAfter>s</StartAfter><EncodingType>url</EncodingType>' +
          '<MaxKeys>5</MaxKeys><MaxKeys>9</MaxKeys><KeyCount>0</KeyCount><IsTruncated>true</IsTruncated><IsTruncated>junk</IsTruncated>' +
          '<SomethingNew>ignored</SomethingNew>',
      ),
    );
    expect(parsed).toEqual({
      Name: 'b',
      Prefix: 'p/',
      Delimiter: '/',
      ContinuationToken: 'c1',
      NextContinuationToken: 'n1',
      StartAfter: 's',
      EncodingType: 'url',
      MaxKeys: 5,
      KeyCount: 0,
      IsTruncated: true,
    });
    expect(parseListPage(page('<IsTruncated>false</IsTruncated>')).IsTruncated).toBe(false);
  });

  it('a common prefix is its <Prefix> child wherever it stands; without one it is empty', () => {
    expect(
      parseListPage(page('<CommonPrefixes><Other>x</Other><Prefix>a/</Prefix></CommonPrefixes><CommonPrefixes/>')).CommonPrefixes,
    ).toEqual([{ Prefix: 'a/' }, {}]);
  });

  it('the restore group: IsRestoreInProgress is a boolean, RestoreExpiryDate a date, the rest text', () => {
    const restoring = parseListPage(
      page(
        '<Contents><Key>k</Key><RestoreStatus><IsRestoreInProgress>true</IsRestoreInProgress><Note>n</Note></RestoreStatus>' +
          '<Owner><ID>1</ID><IsRestoreInProgress>true</IsRestoreInProgress></Owner></Contents>',
      ),
    );
    expect(restoring.Contents?.[0]?.RestoreStatus).toEqual({ IsRestoreInProgress: true, Note: 'n' });
    const done = parseListPage(
      page(
        '<Contents><Key>k</Key><RestoreStatus><IsRestoreInProgress>false</IsRestoreInProgress><RestoreExpiryDate>2025-01-02T03:04:05.000Z</RestoreExpiryDate></RestoreStatus></Contents>',
      ),
    );
    expect(done.Contents?.[0]?.RestoreStatus).toEqual({
      IsRestoreInProgress: false,
      RestoreExpiryDate: new Date(Date.UTC(2025, 0, 2, 3, 4, 5)),
    });
  });

  it('numbers must be numbers (blank is not zero), booleans true or false; the error is the server fault of a listing', () => {
    for (const [xml, reason] of [
      [page('<MaxKeys> </MaxKeys>'), '<MaxKeys> is " ", not a number'],
      [page('<KeyCount></KeyCount>'), '<KeyCount> is "", not a number'],
      [page('<Contents><Size>12 bytes</Size></Contents>'), '<Size> is "12 bytes", not a number'],
      [page('<Contents><LastModified>yesterday</LastModified></Contents>'), '<LastModified> is "yesterday", not a date'],
      [page('<IsTruncated>yes</IsTruncated>'), '<IsTruncated> is "yes"'],
      ['<Error><Code>AccessDenied</Code></Error>', 'its root is <Error>, not <ListBucketResult>'],
      [page('<Name>a &amp b</Name>'), 'a bare "&" at character 2 of a text'],
    ] as const) {
      const err = pageRefusal(xml);
      expect(err.code).toBe('server');
      expect(err.details).toEqual({ fault: 'listing' });
      expect(err.message).toBe(`The server sent a broken listing page (${reason}); Ferry stopped rather than list part of the folder.`);
    }
    expect(parseListPage(page('<Contents><Size>1e3</Size></Contents>')).Contents?.[0]?.Size).toBe(1000);
  });

  it('a quoted value is cut at 40 characters in the message', () => {
    const long = 'x'.repeat(39) + 'YZ';
    expect(pageRefusal(page(`<MaxKeys>${long}</MaxKeys>`)).message).toContain(`<MaxKeys> is "${'x'.repeat(39)}Y", not a number`);
    expect(pageRefusal(page(`<Contents><LastModified>${long}</LastModified></Contents>`)).message).toContain(
      `"${'x'.repeat(39)}Y", not a date`,
    );
    expect(pageRefusal(page(`<IsTruncated>${long}</IsTruncated>`)).message).toContain(`<IsTruncated> is "${'x'.repeat(39)}Y")`);
    const root = `R${'r'.repeat(39)}Q`;
    expect(pageRefusal(`<${root}/>`).message).toContain(`its root is <${root.slice(0, 40)}>, not`);
  });
});
