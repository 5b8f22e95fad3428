import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';

const run = promisify(execFile);

/** The files of a zip (an office document), by name, in their order. */
export function readZip(zip: Buffer): Map<string, Buffer> {
  let eocd = zip.length - 22;
  while (eocd >= 0 && zip.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error('not a zip');
  const count = zip.readUInt16LE(eocd + 10);
  let p = zip.readUInt32LE(eocd + 16);
  const files = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    const method = zip.readUInt16LE(p + 10);
    const compressed = zip.readUInt32LE(p + 20);
    const nameLen = zip.readUInt16LE(p + 28);
    const local = zip.readUInt32LE(p + 42);
    const name = zip.toString('utf8', p + 46, p + 46 + nameLen);
    p += 46 + nameLen + zip.readUInt16LE(p + 30) + zip.readUInt16LE(p + 32);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zip.subarray(start, start + compressed);
    files.set(name, method === 8 ? inflateRawSync(data) : Buffer.from(data));
  }
  return files;
}

/** A zip of these files (deflated), `[Content_Types].xml` first as office documents have it. */
export function writeZip(files: Map<string, Buffer>): Buffer {
  const names = [...files.keys()].sort(
    (a, b) => Number(b === '[Content_Types].xml') - Number(a === '[Content_Types].xml'),
  );
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const name of names) {
    const data = files.get(name)!;
    const packed = deflateRawSync(data);
    const nameBytes = Buffer.from(name, 'utf8');
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(0x0800, 6); // names in UTF-8
    header.writeUInt16LE(8, 8);
    header.writeUInt32LE(crc32(data), 14);
    header.writeUInt32LE(packed.length, 18);
    header.writeUInt32LE(data.length, 22);
    header.writeUInt16LE(nameBytes.length, 26);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(0x0800, 8);
    entry.writeUInt16LE(8, 10);
    entry.writeUInt32LE(crc32(data), 16);
    entry.writeUInt32LE(packed.length, 20);
    entry.writeUInt32LE(data.length, 24);
    entry.writeUInt16LE(nameBytes.length, 28);
    entry.writeUInt32LE(offset, 42);
    locals.push(header, nameBytes, packed);
    central.push(entry, nameBytes);
    offset += header.length + nameBytes.length + packed.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(names.length, 8);
  end.writeUInt16LE(names.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const xml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export interface SlidesOptions {
  /** Slides, each showing its text in large type over a band of its own colour. */
  slides: string[];
  /** The deck's author (docProps/core.xml dc:creator and cp:lastModifiedBy). */
  author: string;
  /** The deck's company (docProps/app.xml), where PowerPoint puts the author's unit. */
  company: string;
  /** The deck's title (docProps/core.xml). */
  title: string;
  /**
   * A picture on the first slide linked by URL, not embedded (LibreOffice would fetch it when
   * loading the deck); `png` is what is drawn there meanwhile.
   */
  linkedPicture?: { url: string; png: Buffer };
}

/**
 * A real pptx: LibreOffice converts a flat ODF presentation written here to PowerPoint's format
 * (with its own private profile), then its properties are written as PowerPoint writes them:
 * the author in docProps/core.xml, the unit as the company in docProps/app.xml (without a slide
 * count there, so the count judges see comes from the converted pages).
 */
export async function makeSlides(dir: string, o: SlidesOptions): Promise<Buffer> {
  const colours = ['#f4d35e', '#9bc1bc', '#ed6a5a', '#5ca4a9', '#e6ebe0'];
  const pages = o.slides
    .map(
      (text, i) => `
   <draw:page draw:name="s${i + 1}" draw:master-page-name="Default" draw:style-name="dp${i + 1}">${
     i === 0 && o.linkedPicture
       ? `<draw:frame svg:x="1cm" svg:y="1cm" svg:width="3cm" svg:height="3cm"><draw:image><office:binary-data>${o.linkedPicture.png.toString('base64')}</office:binary-data></draw:image></draw:frame>`
       : ''
   }<draw:frame svg:x="2cm" svg:y="4cm" svg:width="21cm" svg:height="5cm"><draw:text-box><text:p text:style-name="P1">${xml(text)}</text:p></draw:text-box></draw:frame></draw:page>`,
    )
    .join('');
  const pageStyles = o.slides
    .map(
      (_, i) =>
        `<style:style style:name="dp${i + 1}" style:family="drawing-page"><style:drawing-page-properties draw:fill="solid" draw:fill-color="${colours[i % colours.length]}"/></style:style>`,
    )
    .join('');
  const fodp = `<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
 xmlns:presentation="urn:oasis:names:tc:opendocument:xmlns:presentation:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.presentation">
 <office:automatic-styles>
  <style:page-layout style:name="PM1"><style:page-layout-properties fo:page-width="25.4cm" fo:page-height="14.288cm" style:print-orientation="landscape"/></style:page-layout>
  ${pageStyles}
  <style:style style:name="P1" style:family="paragraph"><style:text-properties fo:font-size="54pt"/></style:style>
 </office:automatic-styles>
 <office:master-styles><style:master-page style:name="Default" style:page-layout-name="PM1"/></office:master-styles>
 <office:body><office:presentation>${pages}
 </office:presentation></office:body>
</office:document>
`;
  const source = join(dir, 'deck.fodp');
  writeFileSync(source, fodp);
  await run(
    'soffice',
    [
      '--headless',
      '--norestore',
      `-env:UserInstallation=${pathToFileURL(join(dir, 'lo-profile')).href}`,
      '--convert-to',
      'pptx',
      '--outdir',
      dir,
      source,
    ],
    { timeout: 180_000 },
  );
  const files = readZip(readFileSync(join(dir, 'deck.pptx')));
  files.set(
    'docProps/core.xml',
    Buffer.from(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>${xml(o.title)}</dc:title><dc:subject>${xml(o.company)}</dc:subject><dc:creator>${xml(o.author)}</dc:creator><cp:keywords>${xml(o.author)}</cp:keywords><dc:description>${xml(`${o.author}, ${o.company}`)}</dc:description><cp:lastModifiedBy>${xml(o.author)}</cp:lastModifiedBy><dcterms:created xsi:type="dcterms:W3CDTF">2026-11-02T08:00:00Z</dcterms:created></cp:coreProperties>`,
    ),
  );
  files.set(
    'docProps/app.xml',
    Buffer.from(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>Microsoft Office PowerPoint</Application><Company>${xml(o.company)}</Company><Manager>${xml(o.author)}</Manager></Properties>`,
    ),
  );
  if (o.linkedPicture) {
    // the picture embedded becomes a link, as PowerPoint keeps one inserted with "Link to File"
    const relsName = 'ppt/slides/_rels/slide1.xml.rels';
    const rels = files.get(relsName)!.toString('utf8');
    const m = /<Relationship Id="(rId\d+)" Type="([^"]*\/image)" Target="([^"]*)"\/>/.exec(rels);
    if (!m) throw new Error('no picture on the first slide');
    files.delete(join('ppt/slides', m[3]).replace(/\\/g, '/'));
    files.set(
      relsName,
      Buffer.from(
        rels.replace(
          m[0],
          `<Relationship Id="${m[1]}" Type="${m[2]}" Target="${xml(o.linkedPicture.url)}" TargetMode="External"/>`,
        ),
      ),
    );
    const slide = files.get('ppt/slides/slide1.xml')!.toString('utf8');
    files.set(
      'ppt/slides/slide1.xml',
      Buffer.from(slide.replace(`r:embed="${m[1]}"`, `r:link="${m[1]}"`)),
    );
  }
  return writeZip(files);
}
