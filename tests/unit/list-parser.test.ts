// The listing page reader: the values it gives for real-shaped pages, the
// specific reasons it refuses broken ones, and the work it does on hostile
// ones (characters looked at, not seconds).
import { describe, expect, it } from 'vitest';
import { FerryError } from '../../app/api/errors';
import { parseListPage } from '../../app/s3/direct/prepared/list-parser';
import { scanXml, type ScanMeter } from '../../app/s3/direct/prepared/xml-scanner';

const PAGE = `<?xml version="1.0" encoding="UTF-8"?>
<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>photos</Name><Prefix>a/</Prefix><KeyCount>2</KeyCount><MaxKeys>1000</MaxKeys><Delimiter>/</Delimiter><IsTruncated>true</IsTruncated><NextContinuationToken>tok&amp;1</NextContinuationToken>
<Contents><Key>a/x&lt;1&gt;.txt</Key><LastModified>2024-05-01T10:00:00.000Z</LastModified><ETag>&quot;9b2cf535f27731c974343645a3985328&quot;</ETag><Size>12</Size><Owner><ID>o1</ID><DisplayName>me</DisplayName></Owner><StorageClass>STANDARD</StorageClass><ChecksumAlgorithm>CRC32</ChecksumAlgorithm><ChecksumAlgorithm>SHA256</ChecksumAlgorithm></Contents>
<Contents><Key>a/&#x1F600;&#233;</Key><LastModified>2024-05-02T10:00:00.000Z</LastModified><ETag>"e"</ETag><Size>0</Size><RestoreStatus><IsRestoreInProgress>false</IsRestoreInProgress><RestoreExpiryDate>2024-06-01T00:00:00.000Z</RestoreExpiryDate></RestoreStatus></Contents>
<CommonPrefixes><Prefix>a/b/</Prefix></CommonPrefixes><CommonPrefixes><Prefix>a/c/</Prefix></CommonPrefixes></ListBucketResult>`;

function refusal(xml: string): string {
  try {
    parseListPage(xml);
  } catch (err) {
    expect(err).toBeInstanceOf(FerryError);
    expect((err as FerryError).code).toBe('server');
    return (err as FerryError).message;
  }
  throw new Error('the page was accepted');
}

describe('parseListPage', () => {
  it('reads every field of a page with the SDK types', () => {
    const page = parseListPage(PAGE);
    expect(page).toMatchObject({
      Name: 'photos',
      Prefix: 'a/',
      KeyCount: 2,
      MaxKeys: 1000,
      Delimiter: '/',
      IsTruncated: true,
      NextContinuationToken: 'tok&1',
    });
    expect(page.Contents).toEqual([
      {
        Key: 'a/x<1>.txt',
        LastModified: new Date('2024-05-01T10:00:00.000Z'),
        ETag: '"9b2cf535f27731c974343645a3985328"',
        Size: 12,
        Owner: { ID: 'o1', DisplayName: 'me' },
        StorageClass: 'STANDARD',
        ChecksumAlgorithm: ['CRC32', 'SHA256'],
      },
      {
        Key: 'a/\u{1F600}é',
        LastModified: new Date('2024-05-02T10:00:00.000Z'),
        ETag: '"e"',
        Size: 0,
        RestoreStatus: { IsRestoreInProgress: false, RestoreExpiryDate: new Date('2024-06-01T00:00:00.000Z') },
      },
    ]);
    expect(page.CommonPrefixes).toEqual([{ Prefix: 'a/b/' }, { Prefix: 'a/c/' }]);
  });

  it('reads an empty listing and self-closing elements', () => {
    expect(
      parseListPage('<ListBucketResult><Name>b</Name><Prefix/><KeyCount>0</KeyCount><IsTruncated>false</IsTruncated></ListBucketResult>'),
    ).toEqual({
      Name: 'b',
      Prefix: '',
      KeyCount: 0,
      IsTruncated: false,
    });
  });

  it.each([
    ['a page cut short inside an entry', PAGE.slice(0, PAGE.indexOf('<Size>12')), /<Contents> is never closed/],
    ['a page without its root close', PAGE.replace('</ListBucketResult>', ''), /root <ListBucketResult> is never closed/],
    ['a page that is not XML', 'Service Unavailable', /text before the root element/],
    ['an empty page', '', /no XML element/],
    ['an HTML error page', '<html><body>502 Bad Gateway</body></html>', /root is <html>/],
    ['mismatched tags', '<ListBucketResult><Contents><Key>k</Contents></Key></ListBucketResult>', /<Key> closed by <\/Contents>/],
    ['an invalid numeric entity', PAGE.replace('&#233;', '&#x110000;'), /"&#x110000;" is not a character XML allows/],
    ['a numeric entity of NUL', PAGE.replace('&#233;', '&#0;'), /"&#0;" is not a character/],
    ['an unknown entity', PAGE.replace('&amp;1', '&nbsp;1'), /unknown entity "&nbsp;"/],
    ['a bare ampersand', PAGE.replace('&amp;1', '& 1'), /bare "&"/],
    ['an invalid date', PAGE.replace('2024-05-01T10:00:00.000Z', 'yesterday'), /<LastModified> is "yesterday", not a date/],
    ['a size that is not a number', PAGE.replace('<Size>12<', '<Size>twelve<'), /<Size> is "twelve", not a number/],
    ['a DOCTYPE', `<!DOCTYPE x [<!ENTITY a "b">]>${PAGE.slice(PAGE.indexOf('<ListBucketResult'))}`, /DOCTYPE/],
    ['two roots', `${PAGE}<ListBucketResult></ListBucketResult>`, /second root/],
  ])('refuses %s with the reason', (_name, xml, reason) => {
    const message = refusal(xml);
    expect(message).toMatch(reason);
    expect(message).toMatch(/^The server sent a broken listing page/);
  });

  it('does linear work on hostile pages: every opening tag unclosed, nested opens, a sea of ampersands', () => {
    for (const size of [50_000, 400_000, 2_000_000]) {
      const bodies = [
        `<ListBucketResult>${'<Contents><Key>k'.repeat(size / 16)}`,
        `<ListBucketResult>${'<a>'.repeat(size / 3)}`,
        `<ListBucketResult><Key>${'<Key'.repeat(size / 4)}`,
        `<ListBucketResult><Key>${'&amp'.repeat(size / 4)}</Key></ListBucketResult>`,
        `<ListBucketResult><!--${'-'.repeat(size)}`,
      ];
      for (const xml of bodies) {
        const meter: ScanMeter = { chars: 0 };
        expect(() => scanXml(xml, meter)).toThrow();
        expect(meter.chars).toBeLessThanOrEqual(3 * xml.length + 100);
      }
    }
  });
});
