import ExcelJS from 'exceljs';
import { OrgUnitsService } from '../src/org-units/org-units.service';
import { UserRole } from '../src/users/entities/user.entity';
import { createUser, TestUser } from './support/fixtures';
import { startTestApp, TestApp } from './support/test-app';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

interface UnitBody {
  id: string;
  code: string;
  name: string;
  kind: string;
  parentId: string | null;
  depth: number;
  status: string;
  mergedIntoId: string | null;
}

describe('org units', () => {
  let t: TestApp;
  let admin: TestUser;
  let seq = 0;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await createUser(t, UserRole.Admin);
  });
  afterAll(() => t.close());

  const post = (path: string, body: object, user: TestUser = admin) =>
    t.http().post(path).set('Authorization', user.auth).send(body);
  const get = (path: string, user: TestUser = admin) =>
    t.http().get(path).set('Authorization', user.auth);

  async function unit(name: string, parentId?: string, kind = 'Xã'): Promise<UnitBody> {
    const res = await post('/org-units', { code: `T${++seq}`, name, kind, parentId });
    expect(res.status).toBe(201);
    return res.body as UnitBody;
  }
  const subtreeIds = async (id: string, historical = false) => {
    const res = await get(`/org-units/${id}/subtree${historical ? '?includeHistorical=true' : ''}`);
    expect(res.status).toBe(200);
    return (res.body.items as UnitBody[]).map((u) => u.id).sort();
  };
  const paths = async () =>
    (await t.db.query('SELECT id, path, depth, parent_id FROM org_units ORDER BY id')).rows;
  const unitCount = async () =>
    Number((await t.db.query('SELECT count(*) AS n FROM org_units')).rows[0].n);

  it('creates units with normalized codes and returns the breadcrumb', async () => {
    const res = await post('/org-units', {
      code: '  dlk-01 ',
      name: 'Hội LHPN tỉnh Đắk Lắk'.normalize('NFD'),
      kind: 'Tỉnh',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ code: 'DLK-01', depth: 0, parentId: null, status: 'active' });
    expect(res.body.name).toBe('Hội LHPN tỉnh Đắk Lắk'.normalize('NFC'));
    const commune = await unit('Hội LHPN phường Tân An', res.body.id);
    const branch = await unit('Chi hội tổ dân phố 1', commune.id, 'Chi hội');
    expect(branch.depth).toBe(2);

    const detail = await get(`/org-units/${branch.id}`);
    expect(detail.status).toBe(200);
    expect(detail.body.ancestors.map((a: UnitBody) => a.id)).toEqual([res.body.id, commune.id]);
    expect(await t.app.get(OrgUnitsService).ancestorIds(branch.id)).toEqual([
      res.body.id,
      commune.id,
    ]);

    const children = await get(`/org-units/${res.body.id}/children`);
    expect(children.body.items.map((u: UnitBody) => u.id)).toEqual([commune.id]);

    const dup = await post('/org-units', { code: 'dlk-01', name: 'Khác', kind: 'Tỉnh' });
    expect(dup.status).toBe(409);
    expect(dup.body.code).toBe('org_units.code_taken');
  });

  it('refuses bad input with field errors', async () => {
    const badCode = await post('/org-units', { code: 'MÃ 1', name: 'X', kind: 'Xã' });
    expect(badCode.status).toBe(400);
    expect(badCode.body.code).toBe('common.validation_failed');
    expect(badCode.body.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'code', code: 'org_units.code_format' }),
      ]),
    );
    const unknown = await post('/org-units', { code: 'OK1', name: 'X', kind: 'Xã', level: 3 });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([
      expect.objectContaining({ field: 'level', code: 'field.unknown' }),
    ]);
    const badParent = await post('/org-units', {
      code: 'OK2',
      name: 'X',
      kind: 'Xã',
      parentId: '0b9c3f52-2d1e-4c7b-9d54-8f0e6b1a2c3d',
    });
    expect(badParent.status).toBe(400);
    expect(badParent.body.errors).toEqual([
      expect.objectContaining({ field: 'parentId', code: 'org_units.parent_not_found' }),
    ]);
    const badUuid = await get('/org-units/not-a-uuid');
    expect(badUuid.status).toBe(400);
    expect(badUuid.body).toMatchObject({ statusCode: 400, code: 'common.invalid_uuid' });
    expect(typeof badUuid.body.message).toBe('string');
    expect(typeof badUuid.body.requestId).toBe('string');
    const badDate = await post(`/org-units/${(await unit('Xã Ngày')).id}/rename`, {
      name: 'Xã Ngày mới',
      effectiveOn: '2025-02-30',
    });
    expect(badDate.status).toBe(400);
    expect(badDate.body.errors[0]).toMatchObject({ field: 'effectiveOn' });
    expect(await unitCount()).toBeGreaterThan(0);
  });

  it('moves a subtree and refuses moving a unit under its own descendant', async () => {
    const p1 = await unit('Tỉnh Một', undefined, 'Tỉnh');
    const p2 = await unit('Tỉnh Hai', undefined, 'Tỉnh');
    const a = await unit('Huyện A', p1.id, 'Huyện');
    const a1 = await unit('Xã A1', a.id);
    const a11 = await unit('Chi hội A11', a1.id, 'Chi hội');
    const b = await unit('Xã B', p2.id);

    const moved = await post(`/org-units/${a.id}/move`, {
      parentId: p2.id,
      effectiveOn: '2025-07-01',
    });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ parentId: p2.id, depth: 1 });
    expect(await subtreeIds(p1.id)).toEqual([p1.id]);
    expect(await subtreeIds(p2.id)).toEqual([p2.id, b.id, a.id, a1.id, a11.id].sort());
    const { rows } = await t.db.query('SELECT path, depth FROM org_units WHERE id = $1', [a11.id]);
    expect(rows[0]).toEqual({ path: `${p2.id}/${a.id}/${a1.id}/${a11.id}/`, depth: 3 });

    const before = await paths();
    const intoDescendant = await post(`/org-units/${p2.id}/move`, { parentId: a11.id });
    expect(intoDescendant.status).toBe(409);
    expect(intoDescendant.body.code).toBe('org_units.move_into_own_subtree');
    const intoSelf = await post(`/org-units/${a.id}/move`, { parentId: a.id });
    expect(intoSelf.status).toBe(409);
    expect(intoSelf.body.code).toBe('org_units.move_into_own_subtree');
    expect(await paths()).toEqual(before);

    // to the root and back
    const root = await post(`/org-units/${a1.id}/move`, { parentId: null });
    expect(root.body).toMatchObject({ parentId: null, depth: 0 });
    expect(await subtreeIds(a1.id)).toEqual([a1.id, a11.id].sort());
    expect(await subtreeIds(p2.id)).toEqual([p2.id, b.id, a.id].sort());

    const history = await get(`/org-units/${a.id}/history`);
    const move = history.body.items.find((e: { type: string }) => e.type === 'moved');
    expect(move).toMatchObject({
      before: { parentId: p1.id, parentName: 'Tỉnh Một', depth: 1 },
      after: { parentId: p2.id, parentName: 'Tỉnh Hai', depth: 1 },
      effectiveOn: '2025-07-01',
      actorId: admin.id,
    });
    const audit = await t.db.query(
      `SELECT action FROM audit_log WHERE subject_type = 'org_unit' AND subject_id = $1 ORDER BY id`,
      [a.id],
    );
    expect(audit.rows.map((r) => r.action)).toEqual(['org_unit.created', 'org_unit.moved']);
  });

  it('merges units: sources kept as merged, children moved, history on both sides', async () => {
    const province = await unit('Tỉnh Đắk Lắk mới', undefined, 'Tỉnh');
    const oldProvince = await unit('Tỉnh Phú Yên (cũ)', undefined, 'Tỉnh');
    const district = await unit('Huyện Sơn Hòa (cũ)', oldProvince.id, 'Huyện');
    const commune = await unit('Xã Sơn Hòa', district.id);
    const gone = await unit('Xã Suối Bạc (cũ)', district.id);
    const tiny = await unit('Xã Sơn Nguyên (cũ)', oldProvince.id);

    expect((await post(`/org-units/${gone.id}/dissolve`, {})).status).toBe(200);
    // a unit merged into the district before the district itself goes away
    const m1 = await post(`/org-units/${district.id}/merge`, { sourceIds: [tiny.id] });
    expect(m1.status).toBe(200);
    // districts were abolished: the district merges into the old province, then that province into the new one
    const m2 = await post(`/org-units/${oldProvince.id}/merge`, {
      sourceIds: [district.id],
      effectiveOn: '2025-07-01',
    });
    expect(m2.status).toBe(200);
    expect(m2.body.movedChildren).toBe(1);
    const m3 = await post(`/org-units/${province.id}/merge`, {
      sourceIds: [oldProvince.id],
      effectiveOn: '2025-07-01',
    });
    expect(m3.status).toBe(200);
    expect(m3.body.merged[0]).toMatchObject({
      id: oldProvince.id,
      status: 'merged',
      mergedIntoId: province.id,
    });

    const c = await get(`/org-units/${commune.id}`);
    expect(c.body).toMatchObject({ parentId: province.id, depth: 1, status: 'active' });
    expect(await subtreeIds(province.id)).toEqual([province.id, commune.id].sort());
    const all = [province.id, commune.id, oldProvince.id, district.id, gone.id, tiny.id].sort();
    expect(await subtreeIds(province.id, true)).toEqual(all);
    expect(
      (
        await t.app.get(OrgUnitsService).subtreeIds(province.id, { includeHistorical: true })
      ).sort(),
    ).toEqual(all);
    // the old province alone: only what was under it, not the new province
    expect(await subtreeIds(oldProvince.id, true)).toEqual(
      [oldProvince.id, district.id, gone.id, tiny.id].sort(),
    );

    const sourceHistory = await get(`/org-units/${oldProvince.id}/history`);
    expect(sourceHistory.body.items.map((e: { type: string }) => e.type)).toEqual([
      'created',
      'absorbed',
      'merged',
    ]);
    expect(sourceHistory.body.items[2]).toMatchObject({
      before: { status: 'active', mergedIntoId: null },
      after: { status: 'merged', mergedIntoId: province.id, targetName: 'Tỉnh Đắk Lắk mới' },
      effectiveOn: '2025-07-01',
    });
    const targetHistory = await get(`/org-units/${province.id}/history`);
    expect(targetHistory.body.items[1]).toMatchObject({
      type: 'absorbed',
      after: { sourceId: oldProvince.id, sourceName: 'Tỉnh Phú Yên (cũ)' },
    });

    // merged units cannot change any more, and nothing merges into itself
    const rename = await post(`/org-units/${district.id}/rename`, { name: 'Khác' });
    expect(rename.status).toBe(409);
    expect(rename.body.code).toBe('org_units.not_active');
    const self = await post(`/org-units/${province.id}/merge`, { sourceIds: [province.id] });
    expect(self.body.code).toBe('org_units.merge_into_itself');
    const intoChild = await post(`/org-units/${commune.id}/merge`, { sourceIds: [province.id] });
    expect(intoChild.status).toBe(409);
    expect(intoChild.body.code).toBe('org_units.merge_target_in_source');
    const dissolve = await post(`/org-units/${province.id}/dissolve`, {});
    expect(dissolve.status).toBe(409);
    expect(dissolve.body.code).toBe('org_units.has_active_children');
  });

  it('records renames and recodes with before and after', async () => {
    const u = await unit('Xã Hòa Thắng');
    const r = await post(`/org-units/${u.id}/rename`, {
      name: 'Phường Hòa Thắng',
      kind: 'Phường',
      effectiveOn: '2025-07-01',
    });
    expect(r.status).toBe(200);
    const rc = await post(`/org-units/${u.id}/recode`, { code: 'dlk.hoathang' });
    expect(rc.body.code).toBe('DLK.HOATHANG');
    const h = await get(`/org-units/${u.id}/history`);
    expect(h.body.items.slice(1)).toEqual([
      expect.objectContaining({
        type: 'renamed',
        before: { name: 'Xã Hòa Thắng', kind: 'Xã' },
        after: expect.objectContaining({ name: 'Phường Hòa Thắng', kind: 'Phường' }),
        effectiveOn: '2025-07-01',
      }),
      expect.objectContaining({
        type: 'recoded',
        before: { code: u.code },
        after: { code: 'DLK.HOATHANG' },
      }),
    ]);
    const search = await get(`/org-units?q=${encodeURIComponent('hoa thang')}`);
    expect(search.body.items.map((x: UnitBody) => x.name)).toEqual(['Phường Hòa Thắng']);
  });

  it('searches ignoring diacritics, case and Unicode form, page by page', async () => {
    await unit('Hội LHPN tỉnh Phú Yên', undefined, 'Tỉnh');
    await unit('Hội LHPN xã Phú Yên Đông');
    await unit('Hội LHPN xã Đắk Ơ');
    const names = async (q: string, extra = '') =>
      (await get(`/org-units?q=${encodeURIComponent(q)}${extra}`)).body.items.map(
        (u: UnitBody) => u.name,
      );
    const both = ['Hội LHPN tỉnh Phú Yên', 'Hội LHPN xã Phú Yên Đông'];
    expect(await names('phu yen')).toEqual(both);
    expect(await names('PHÚ YÊN')).toEqual(both);
    expect(await names('Phú Yên'.normalize('NFD'))).toEqual(both);
    expect(await names('pHú   yÊn')).toEqual(both);
    expect(await names('dak o')).toEqual(['Hội LHPN xã Đắk Ơ']);
    expect(await names('ĐẮK Ơ'.normalize('NFD'))).toEqual(['Hội LHPN xã Đắk Ơ']);
    expect(await names('không có đơn vị này')).toEqual([]);

    const first = await get(`/org-units?q=phu%20yen&limit=1`);
    expect(first.body.items.map((u: UnitBody) => u.name)).toEqual([both[0]]);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await get(`/org-units?q=phu%20yen&limit=1&cursor=${first.body.nextCursor}`);
    expect(second.body.items.map((u: UnitBody) => u.name)).toEqual([both[1]]);
    expect(second.body.nextCursor).toBeNull();
    const bad = await get('/org-units?cursor=garbage');
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0]).toMatchObject({ field: 'cursor', code: 'org_units.invalid_cursor' });
  });

  describe('import', () => {
    const importFile = (body: Buffer | string, type: string, query = '') =>
      t
        .http()
        .post(`/org-units/import${query}`)
        .set('Authorization', admin.auth)
        .set('Content-Type', type)
        .send(typeof body === 'string' ? Buffer.from(body, 'utf8') : body);

    it('imports CSV with Vietnamese headers and a BOM, parents later in the file, then upserts', async () => {
      const csv =
        '\uFEFFmã,tên,cấp,mã đơn vị cha\n' +
        'IMP.X1,Hội LHPN xã Ea Tu,Xã,IMP\n' +
        'IMP.X1.CH1,"Chi hội thôn 1, buôn Ea Tu",Chi hội,IMP.X1\n' +
        'IMP,Hội LHPN tỉnh Nhập Thử,Tỉnh,\n';
      const dry = await importFile(csv, 'text/csv', '?dryRun=true');
      expect(dry.status).toBe(200);
      expect(dry.body).toMatchObject({
        dryRun: true,
        rows: 3,
        created: 3,
        updated: 0,
        unchanged: 0,
      });
      expect((await t.db.query(`SELECT 1 FROM org_units WHERE code LIKE 'IMP%'`)).rowCount).toBe(0);

      const res = await importFile(csv, 'text/csv; charset=utf-8');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        dryRun: false,
        rows: 3,
        created: 3,
        updated: 0,
        unchanged: 0,
      });
      const root = (await get('/org-units?q=IMP')).body.items.find(
        (u: UnitBody) => u.code === 'IMP',
      );
      const tree = (await get(`/org-units/${root.id}/subtree`)).body.items as UnitBody[];
      expect(tree.map((u) => [u.code, u.depth])).toEqual([
        ['IMP', 0],
        ['IMP.X1', 1],
        ['IMP.X1.CH1', 2],
      ]);
      expect(tree[2].name).toBe('Chi hội thôn 1, buôn Ea Tu');

      // second file: one rename, one move (under a new unit), one unchanged
      const csv2 =
        'code;name;kind;parent_code\n' +
        'IMP;Hội LHPN tỉnh Nhập Thử;Tỉnh;\n' +
        'IMP.X1.CH1;Chi hội thôn 1;Chi hội;IMP.X2\n' +
        'IMP.X2;Hội LHPN xã Ea Kao;Xã;IMP\n';
      const res2 = await importFile(csv2, 'text/csv');
      expect(res2.body).toMatchObject({
        dryRun: false,
        rows: 3,
        created: 1,
        updated: 1,
        unchanged: 1,
      });
      const ch1 = tree[2];
      const after = await get(`/org-units/${ch1.id}`);
      expect(after.body.name).toBe('Chi hội thôn 1');
      expect(after.body.ancestors.map((a: UnitBody) => a.code)).toEqual(['IMP', 'IMP.X2']);
      const h = await get(`/org-units/${ch1.id}/history`);
      expect(h.body.items.map((e: { type: string }) => e.type)).toEqual([
        'imported',
        'moved',
        'renamed',
      ]);
      expect(h.body.items[1]).toMatchObject({
        before: { parentCode: 'IMP.X1' },
        after: { parentCode: 'IMP.X2', via: 'import' },
      });
      expect(h.body.items[2]).toMatchObject({
        before: { name: 'Chi hội thôn 1, buôn Ea Tu' },
        after: { name: 'Chi hội thôn 1' },
      });
      const audit = await t.db.query(
        `SELECT after FROM audit_log WHERE action = 'org_units.imported' ORDER BY id`,
      );
      expect(audit.rows.map((r) => r.after.created)).toEqual([3, 1]);
    });

    it('imports XLSX', async () => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('Đơn vị');
      ws.addRow(['Mã', 'Tên', 'Cấp', 'Mã đơn vị cha']);
      ws.addRow(['XL.C1', 'Hội LHPN phường Thành Nhất', 'Phường', 'XL']);
      ws.addRow(['XL', 'Hội LHPN tỉnh Bảng Tính', 'Tỉnh', '']);
      ws.addRow([]);
      ws.addRow([101, 'Chi hội số 101', 'Chi hội', 'XL.C1']);
      const file = Buffer.from(await wb.xlsx.writeBuffer());
      const res = await importFile(file, XLSX);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ created: 3, updated: 0, unchanged: 0 });
      const found = (await get('/org-units?q=chi%20hoi%20so%20101')).body.items[0];
      expect(found.code).toBe('101');
      const detail = await get(`/org-units/${found.id}`);
      expect(detail.body.ancestors.map((a: UnitBody) => a.code)).toEqual(['XL', 'XL.C1']);
      const again = await importFile(file, XLSX);
      expect(again.body).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
    });

    it('refuses a file with a bad row and writes nothing', async () => {
      const before = await unitCount();
      const events = Number(
        (await t.db.query('SELECT count(*) AS n FROM org_unit_events')).rows[0].n,
      );
      const csv =
        'code,name,kind,parent_code\n' +
        'BAD.ROOT,Hội LHPN tỉnh Lỗi,Tỉnh,\n' +
        'BAD.A,Xã A,Xã,BAD.ROOT\n' +
        'BAD.B,,Xã,NOPE\n' +
        'bad.a,Xã A lặp,Xã,BAD.ROOT\n';
      const res = await importFile(csv, 'text/csv');
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('common.validation_failed');
      expect(res.body.errors).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ field: 'rows.4.name', code: 'field.isNotEmpty' }),
          expect.objectContaining({
            field: 'rows.5.code',
            code: 'org_units.import_duplicate_code',
          }),
        ]),
      );
      const unknownParent = await importFile(
        'code,name,kind,parent_code\nBAD.ROOT,Tỉnh Lỗi,Tỉnh,\nBAD.B,Xã B,Xã,NOPE\n',
        'text/csv',
      );
      expect(unknownParent.status).toBe(400);
      expect(unknownParent.body.errors).toEqual([
        expect.objectContaining({
          field: 'rows.3.parent_code',
          code: 'org_units.parent_not_found',
        }),
      ]);
      const cycle = await importFile(
        'code,name,kind,parent_code\nCY.A,A,Xã,CY.B\nCY.B,B,Xã,CY.A\n',
        'text/csv',
      );
      expect(cycle.status).toBe(400);
      expect(cycle.body.errors[0]).toMatchObject({ code: 'org_units.import_cycle' });
      const missing = await importFile('code,name\nX,Y\n', 'text/csv');
      expect(missing.status).toBe(400);
      expect(missing.body.errors).toEqual([
        expect.objectContaining({ field: 'columns.kind', code: 'org_units.import_missing_column' }),
      ]);
      const unsupported = await importFile('a,b', 'text/plain');
      expect(unsupported.status).toBe(415);
      expect(await unitCount()).toBe(before);
      expect(
        Number((await t.db.query('SELECT count(*) AS n FROM org_unit_events')).rows[0].n),
      ).toBe(events);
    });

    it('accepts files up to 5 MB', async () => {
      const line = 'SIZE.0000000,Chi hội kiểm tra kích thước tệp nhập,Chi hội,\n';
      const big =
        'code,name,kind,parent_code\n' + line.repeat(Math.ceil((2 * 1024 * 1024) / line.length));
      const tooManyRows = await importFile(big, 'text/csv');
      expect(tooManyRows.status).toBe(400);
      expect(tooManyRows.body.code).toBe('org_units.import_too_many_rows');
      const tooBig = await importFile(Buffer.alloc(6 * 1024 * 1024, 'a'), 'text/csv');
      expect(tooBig.status).toBe(413);
    });

    it('accepts historical units listed unchanged under their historical parent', async () => {
      const r = await unit('Tỉnh Nhận', undefined, 'Tỉnh');
      const a = await unit('Huyện Cũ', undefined, 'Huyện');
      const b = await unit('Xã Cũ', a.id);
      expect((await post(`/org-units/${r.id}/merge`, { sourceIds: [b.id] })).status).toBe(200);
      expect((await post(`/org-units/${r.id}/merge`, { sourceIds: [a.id] })).status).toBe(200);
      const same = await importFile(
        `code,name,kind,parent_code\n${b.code},Xã Cũ,Xã,${a.code}\n`,
        'text/csv',
      );
      expect(same.body).toMatchObject({ created: 0, updated: 0, unchanged: 1 });
      const newChild = await importFile(
        `code,name,kind,parent_code\nHIST.NEW,Xã Mới,Xã,${a.code}\n`,
        'text/csv',
      );
      expect(newChild.status).toBe(400);
      expect(newChild.body.errors).toEqual([
        expect.objectContaining({
          field: 'rows.2.parent_code',
          code: 'org_units.parent_not_active',
        }),
      ]);
      const renamed = await importFile(
        `code,name,kind,parent_code\n${b.code},Xã Cũ đổi tên,Xã,${a.code}\n`,
        'text/csv',
      );
      expect(renamed.status).toBe(400);
      expect(renamed.body.errors).toEqual([
        expect.objectContaining({ field: 'rows.2.code', code: 'org_units.not_active' }),
      ]);
    });

    it('refuses moving an existing unit under its own descendant through a file', async () => {
      const top = await unit('Tỉnh Vòng', undefined, 'Tỉnh');
      const child = await unit('Xã Vòng', top.id);
      const before = await paths();
      const res = await importFile(
        `code,name,kind,parent_code\n${top.code},Tỉnh Vòng,Tỉnh,${child.code}\n`,
        'text/csv',
      );
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([
        expect.objectContaining({ field: 'rows.2.parent_code', code: 'org_units.import_cycle' }),
      ]);
      expect(await paths()).toEqual(before);
    });
  });

  it('lets any signed-in user read and only administrators write', async () => {
    const u = await unit('Xã Quyền');
    const contestant = await createUser(t, UserRole.Contestant, { unitId: u.id });
    expect((await get(`/org-units/${u.id}`, contestant)).status).toBe(200);
    expect((await get(`/org-units/${u.id}/subtree`, contestant)).status).toBe(200);
    expect((await get('/org-units?q=quyen', contestant)).status).toBe(200);
    const writes = [
      post('/org-units', { code: 'NO', name: 'Không', kind: 'Xã' }, contestant),
      post(`/org-units/${u.id}/rename`, { name: 'Không' }, contestant),
      post(`/org-units/${u.id}/move`, { parentId: null }, contestant),
      post(`/org-units/${u.id}/merge`, { sourceIds: [u.id] }, contestant),
      post(`/org-units/${u.id}/dissolve`, {}, contestant),
      t
        .http()
        .post('/org-units/import')
        .set('Authorization', contestant.auth)
        .set('Content-Type', 'text/csv')
        .send(Buffer.from('code,name,kind\nNO,Không,Xã\n')),
    ];
    for (const res of await Promise.all(writes)) {
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('auth.role_required');
    }
    expect((await t.http().get(`/org-units/${u.id}`)).status).toBe(401);
    expect((await get(`/org-units/${u.id}`)).body.name).toBe('Xã Quyền');
  });
});
