import { Injectable } from '@nestjs/common';
import { ValidationFailedError } from '@voltlane/platform-core';
import { TariffAssignmentNotFoundError } from '../domain/tariff-assignment.errors';
import { TariffAssignmentRepository } from '../persistence/tariff-assignment.repository';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** DELETE /v1/tariff-assignments/{assignment_id}. */
@Injectable()
export class DeleteTariffAssignmentUseCase {
  constructor(private readonly assignments: TariffAssignmentRepository) {}

  async execute(command: { assignmentId: string }): Promise<void> {
    if (!UUID.test(command.assignmentId)) {
      throw new ValidationFailedError('Invalid assignment id', ['assignment_id: must be a UUID']);
    }
    if (!(await this.assignments.delete(command.assignmentId))) {
      throw new TariffAssignmentNotFoundError(`assignment ${command.assignmentId} not found`);
    }
  }
}
