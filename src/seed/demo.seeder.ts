import { Injectable, Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { valueText } from '../common/i18n/i18n';
import { OrgUnit } from '../org-units/entities/org-unit.entity';
import { OrgUnitsService } from '../org-units/org-units.service';
import { UserRole } from '../users/entities/user.entity';
import { UsersService } from '../users/users.service';

/** Password of the demo organizer, judge and contestants (shown with the logins at the first boot). */
export const DEMO_PASSWORD = 'hoithi2025';
export const DEMO_ADMIN_EMAIL = 'admin@demo.hoithi.vn';

/** One demo account and its password, shown once at the end of the first boot. */
export interface DemoLogin {
  role: UserRole;
  email: string;
  password: string;
}

/**
 * The demo logins as a short block a person reads at the end of the first boot (plain text, not
 * a log line: it never reaches the JSON log). `appUrl` is where to sign in.
 */
export function formatDemoLogins(logins: DemoLogin[], appUrl: string): string {
  const role = (r: UserRole) =>
    `${valueText('userRole', r, 'vi')} (${valueText('userRole', r, 'en')})`;
  const roleWidth = Math.max(...logins.map((l) => role(l.role).length));
  const emailWidth = Math.max(...logins.map((l) => l.email.length));
  const rows = logins.map(
    (l) =>
      `  ${role(l.role).padEnd(roleWidth)}  ${l.email.padEnd(emailWidth)}  ${l.password}` +
      (l.role === UserRole.Admin ? '   <- đổi ngay / change it now' : ''),
  );
  const rule = `  ${'-'.repeat(roleWidth + emailWidth + 20)}`;
  return [
    '',
    rule,
    '  Tài khoản dùng thử (chỉ hiện lần này) / Demo accounts (shown only this once)',
    rule,
    ...rows,
    rule,
    `  Đăng nhập / Sign in: ${appUrl}`,
    rule,
    '',
  ].join('\n');
}

/** Reform date: districts abolished, provinces merged. */
const REFORM = '2025-07-01';

interface DemoCommune {
  code: string;
  name: string;
  kind: 'Xã' | 'Phường';
  branches: string[];
}

const COMMUNES: DemoCommune[] = [
  {
    code: 'DLK.BMT',
    name: 'Hội LHPN phường Buôn Ma Thuột',
    kind: 'Phường',
    branches: ['Chi hội phụ nữ tổ dân phố 1', 'Chi hội phụ nữ tổ dân phố 5'],
  },
  {
    code: 'DLK.TAN',
    name: 'Hội LHPN phường Tân An',
    kind: 'Phường',
    branches: ['Chi hội phụ nữ khối 3'],
  },
  {
    code: 'DLK.EAKAO',
    name: 'Hội LHPN phường Ea Kao',
    kind: 'Phường',
    branches: ['Chi hội phụ nữ buôn Ko Tam', 'Chi hội phụ nữ thôn 2'],
  },
  {
    code: 'DLK.HOAPHU',
    name: 'Hội LHPN xã Hòa Phú',
    kind: 'Xã',
    branches: ['Chi hội phụ nữ thôn 6'],
  },
  {
    code: 'DLK.EAKAR',
    name: 'Hội LHPN xã Ea Kar',
    kind: 'Xã',
    branches: ['Chi hội phụ nữ thôn 3', 'Chi hội phụ nữ buôn Ea Kar'],
  },
  {
    code: 'DLK.KRONGBUK',
    name: 'Hội LHPN xã Krông Búk',
    kind: 'Xã',
    branches: ['Chi hội phụ nữ buôn Ea Nguôi'],
  },
  {
    code: 'DLK.TUYHOA',
    name: 'Hội LHPN phường Tuy Hòa',
    kind: 'Phường',
    branches: ['Chi hội phụ nữ khu phố Ninh Tịnh', 'Chi hội phụ nữ khu phố 2'],
  },
  {
    code: 'DLK.SONHOA',
    name: 'Hội LHPN xã Sơn Hòa',
    kind: 'Xã',
    branches: ['Chi hội phụ nữ thôn Tân Lập'],
  },
];

/**
 * Demo data for a fresh installation: a provincial union after the 2025 reform, one former
 * district kept in history, and one account of each role. Runs only on a database with no
 * units and no users.
 */
@Injectable()
export class DemoSeeder {
  private readonly logger = new Logger('Seed');
  constructor(
    private readonly users: UsersService,
    private readonly units: OrgUnitsService,
  ) {}

  /**
   * Seeds only an empty database; returns the demo logins when it did (the caller shows them
   * once, outside the log: see formatDemoLogins), undefined when the database was not empty.
   */
  async seedIfEmpty(): Promise<DemoLogin[] | undefined> {
    if (!(await this.users.isEmpty()) || !(await this.units.isEmpty())) return undefined;
    this.logger.log('seeding demo data');
    const communes = await this.seedUnits();
    const logins = await this.seedAccounts(communes);
    this.logger.log(`demo data seeded: ${logins.length} accounts`);
    return logins;
  }

  private async seedUnits(): Promise<OrgUnit[]> {
    const province = await this.units.create(
      { code: 'DLK', name: 'Hội LHPN tỉnh Đắk Lắk', kind: 'Tỉnh' },
      null,
      REFORM,
    );
    const communes: OrgUnit[] = [];
    for (const c of COMMUNES) {
      const commune = await this.units.create(
        { code: c.code, name: c.name, kind: c.kind, parentId: province.id },
        null,
        REFORM,
      );
      communes.push(commune);
      let n = 1;
      for (const branch of c.branches) {
        await this.units.create(
          { code: `${c.code}.CH${n++}`, name: branch, kind: 'Chi hội', parentId: commune.id },
          null,
          REFORM,
        );
      }
    }
    // history: a former district with its commune, dissolved into the province by the reform
    const district = await this.units.create(
      {
        code: 'DLK.CUMGAR.CU',
        name: "Hội LHPN huyện Cư M'gar (cũ)",
        kind: 'Huyện',
        parentId: province.id,
      },
      null,
      '2020-01-01',
    );
    const cuMgar = await this.units.create(
      {
        code: 'DLK.CUMGAR',
        name: 'Hội LHPN thị trấn Quảng Phú',
        kind: 'Thị trấn',
        parentId: district.id,
      },
      null,
      '2020-01-01',
    );
    await this.units.rename(
      cuMgar.id,
      { name: "Hội LHPN xã Cư M'gar", kind: 'Xã', effectiveOn: REFORM },
      null,
    );
    await this.units.create(
      {
        code: 'DLK.CUMGAR.CH1',
        name: 'Chi hội phụ nữ thôn 1',
        kind: 'Chi hội',
        parentId: cuMgar.id,
      },
      null,
      '2020-01-01',
    );
    await this.units.merge(province.id, { sourceIds: [district.id], effectiveOn: REFORM }, null);
    communes.push(await this.units.get(cuMgar.id));
    return communes;
  }

  private async seedAccounts(communes: OrgUnit[]): Promise<DemoLogin[]> {
    const adminPassword = randomBytes(12).toString('base64url');
    await this.users.create(
      {
        fullName: 'Quản trị hệ thống',
        email: DEMO_ADMIN_EMAIL,
        password: adminPassword,
        role: UserRole.Admin,
      },
      null,
    );
    const province = communes[0].parentId;
    const accounts = [
      {
        fullName: 'Trần Thị Thu (Ban tổ chức)',
        email: 'bantochuc@demo.hoithi.vn',
        role: UserRole.Organizer,
        unitId: province,
      },
      {
        fullName: 'Lê Thị Mai (Giám khảo)',
        email: 'giamkhao@demo.hoithi.vn',
        role: UserRole.Judge,
        unitId: province,
      },
      {
        fullName: 'H Linh Niê',
        email: 'thisinh1@demo.hoithi.vn',
        role: UserRole.Contestant,
        unitId: communes[0].id,
      },
      {
        fullName: 'Nguyễn Thị Hoa',
        email: 'thisinh2@demo.hoithi.vn',
        role: UserRole.Contestant,
        unitId: communes[3].id,
      },
    ];
    for (const a of accounts) await this.users.create({ ...a, password: DEMO_PASSWORD }, null);
    return [
      { role: UserRole.Admin, email: DEMO_ADMIN_EMAIL, password: adminPassword },
      ...accounts.map((a) => ({ role: a.role, email: a.email, password: DEMO_PASSWORD })),
    ];
  }
}
