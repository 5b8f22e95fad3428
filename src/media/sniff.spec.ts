import { declaredForeign } from './sniff';

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
