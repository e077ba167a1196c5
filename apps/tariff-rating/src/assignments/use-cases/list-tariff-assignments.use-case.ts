import { Injectable } from '@nestjs/common';
import { toAssignmentView, type TariffAssignmentView } from '../http/tariff-assignment.view';
import { TariffAssignmentRepository } from '../persistence/tariff-assignment.repository';

/** GET /v1/tariff-assignments[?location_id=]: at most 1,000, oldest first. */
@Injectable()
export class ListTariffAssignmentsUseCase {
  constructor(private readonly assignments: TariffAssignmentRepository) {}

  async execute(query: { locationId?: string }): Promise<TariffAssignmentView[]> {
    return (await this.assignments.list(query.locationId)).map(toAssignmentView);
  }
}
