import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { OrgUnit, OrgUnitStatus } from './entities/org-unit.entity';

@Injectable()
export class OrgUnitsRepository {
  constructor(@InjectRepository(OrgUnit) private readonly units: Repository<OrgUnit>) {}

  findById(id: string): Promise<OrgUnit | null> {
    return this.units.findOne({ where: { id } });
  }

  async isActive(id: string): Promise<boolean> {
    return this.units.exists({ where: { id, status: OrgUnitStatus.Active } });
  }
}
