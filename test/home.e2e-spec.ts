import { startTestApp, TestApp } from './support/test-app';

/** `GET /`: what a person who opens the address sees. */
describe('home page', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await t.db.query(
      `INSERT INTO contests (slug, title, status, settings) VALUES
         ('hoi-thi-mo', 'Hội thi đang mở', 'open', '{}'),
         ('hoi-thi-nhap', 'Hội thi còn nháp', 'draft', '{}')`,
    );
  });
  afterAll(() => t.close());

  it('says in Vietnamese what the service is and links the web app, the public contests and /docs', async () => {
    const res = await t.http().get('/').expect(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['content-language']).toBe('vi');
    expect(res.headers.vary).toContain('Accept-Language');
    const html = res.text;
    expect(html).toContain('<html lang="vi">');
    expect(html).toContain('Hội Liên hiệp Phụ nữ');
    expect(html).toContain('href="/app/"');
    expect(html).toContain('href="/docs"');
    expect(html).toContain('<a href="/results/hoi-thi-mo">Hội thi đang mở</a>');
    expect(html).not.toContain('hoi-thi-nhap');
    expect(html).toContain('href="/?lang=en"');
    // the links it gives lead somewhere that exists (the web app is served by its own module)
    await t.http().get('/docs').expect(200);
    await t.http().get('/results/hoi-thi-mo').expect(200);
  });

  it('answers in English with Accept-Language: en or ?lang=en, and ?lang wins over the header', async () => {
    const byHeader = await t.http().get('/').set('Accept-Language', 'en-US,en;q=0.9').expect(200);
    expect(byHeader.text).toContain('<html lang="en">');
    expect(byHeader.text).toContain('Open the web app');
    expect(byHeader.headers['content-language']).toBe('en');
    const byQuery = await t.http().get('/?lang=en').expect(200);
    expect(byQuery.text).toContain('Vietnamese Women');
    const back = await t.http().get('/?lang=vi').set('Accept-Language', 'en').expect(200);
    expect(back.text).toContain('<html lang="vi">');
    // a share tracker changes nothing; a language it does not speak is refused
    const shared = await t.http().get('/?fbclid=abc').expect(200);
    expect(shared.text).toContain('<html lang="vi">');
    const refused = await t.http().get('/?lang=fr').set('Accept-Language', 'en').expect(400);
    expect(refused.body).toMatchObject({ code: 'common.validation_failed' });
    expect(refused.body.errors[0]).toMatchObject({ field: 'lang' });
    expect(refused.body.errors[0].message).toBe('Must be one of: "vi", "en".');
  });
});
