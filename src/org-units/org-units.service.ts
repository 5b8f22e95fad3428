import { Injectable } from '@nestjs/common';
import { OrgUnitsRepository } from './org-units.repository';

@Injectable()
export class OrgUnitsService {
  constructor(private readonly repository: OrgUnitsRepository) {}

  isActive(id: string): Promise<boolean> {
    return this.repository.isActive(id);
  }
}
