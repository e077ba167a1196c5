import { Module } from '@nestjs/common';
import { TariffsModule } from '../tariffs/tariffs.module';
import { TariffAssignmentsController } from './http/tariff-assignments.controller';
import { TariffAssignmentRepository } from './persistence/tariff-assignment.repository';
import { CreateTariffAssignmentUseCase } from './use-cases/create-tariff-assignment.use-case';
import { DeleteTariffAssignmentUseCase } from './use-cases/delete-tariff-assignment.use-case';
import { ListTariffAssignmentsUseCase } from './use-cases/list-tariff-assignments.use-case';
import { ResolveTariffAssignmentUseCase } from './use-cases/resolve-tariff-assignment.use-case';

/** Which tariff applies to which connector, per eMSP party with the connector default as fallback. */
@Module({
  imports: [TariffsModule],
  controllers: [TariffAssignmentsController],
  providers: [
    TariffAssignmentRepository,
    CreateTariffAssignmentUseCase,
    ListTariffAssignmentsUseCase,
    ResolveTariffAssignmentUseCase,
    DeleteTariffAssignmentUseCase,
  ],
  exports: [ResolveTariffAssignmentUseCase],
})
export class TariffAssignmentsModule {}
