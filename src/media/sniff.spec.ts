import { declaredForeign, declaredMarkup, FORMATS } from './sniff';

describe('declaredForeign: a file announced as no accepted format', () => {
  it.each([
    ['text/plain', 'txt'],
    ['application/zip', 'zip'],
    ['application/x-msdownload', 'exe'],
  ])('%s .%s is foreign (refused before any byte)', (type, ext) => {
    expect(declaredForeign(type, ext)).toBe(true);
  });

  it.each([
    ['video/mp4', 'mp4'],
    ['image/jpg', 'jpg'],
    ['application/octet-stream', 'bin'],
    ['', ''],
    ['text/plain', 'mp4'],
    [undefined, 'png'],
  ])('%s .%s is left to the content checks', (type, ext) => {
    expect(declaredForeign(type, ext)).toBe(false);
  });
});

describe('declaredMarkup: a file announced as markup a browser could run', () => {
  it.each([
    ['image/svg+xml', 'png'],
    ['text/html', 'jpg'],
    ['application/xhtml+xml', ''],
    ['text/xml; charset=utf-8', ''],
    ['application/xml', 'pdf'],
    ['application/rss+xml', ''],
    ['IMAGE/SVG+XML', ''],
    ['', 'svg'],
    [undefined, 'html'],
    ['application/octet-stream', 'xml'],
  ])('%s .%s is markup (refused before any byte)', (type, ext) => {
    expect(declaredMarkup(type, ext)).toBe(true);
  });

  it.each([
    [FORMATS.pptx.mime, 'pptx'],
    [FORMATS.docx.mime, 'docx'],
    [FORMATS.xlsx.mime, 'xlsx'],
    ['application/pdf', 'pdf'],
    [undefined, 'pptx'],
  ])('%s .%s is not (an office document announced with its own type)', (type, ext) => {
    expect(declaredMarkup(type, ext)).toBe(false);
  });
});
