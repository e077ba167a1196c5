import { Module } from '@nestjs/common';
import { CommandsModule } from '../commands/commands.module';
import { TokensModule } from '../tokens/tokens.module';
import { InvoiceIssuedConsumer } from './consumers/invoice-issued.consumer';
import { ChargingController } from './http/charging.controller';
import { DriverApiKeyGuard } from './http/driver-api-key.guard';
import { DriversController } from './http/drivers.controller';
import { DriverInvoiceRepository } from './persistence/driver-invoice.repository';
import { DriverRepository } from './persistence/driver.repository';
import { DriverReadRepository } from './persistence/driver-read.repository';
import { CommandsModuleGateway } from './use-cases/commands-module.gateway';
import {
  ListDriverCdrsUseCase,
  ListDriverInvoicesUseCase,
  RecordDriverInvoiceUseCase,
} from './use-cases/driver-billing.use-cases';
import { DriverCommandGateway } from './use-cases/driver-command.gateway';
import {
  GetDriverCommandUseCase,
  GetDriverSessionUseCase,
  StartDriverSessionUseCase,
  StopDriverSessionUseCase,
} from './use-cases/driver-sessions.use-cases';
import {
  IssueDriverTokenUseCase,
  ListDriverTokensUseCase,
  SetDriverTokenValidityUseCase,
} from './use-cases/driver-tokens.use-cases';
import { CreateDriverUseCase, GetDriverUseCase } from './use-cases/drivers.use-cases';
import { SearchLocationsUseCase } from './use-cases/search-locations.use-case';

/** Driver API on `/api/v1` for the eMSP's app backend (ADR 0072). */
@Module({
  imports: [TokensModule, CommandsModule],
  controllers: [DriversController, ChargingController],
  providers: [
    DriverApiKeyGuard,
    DriverRepository,
    DriverReadRepository,
    DriverInvoiceRepository,
    { provide: DriverCommandGateway, useClass: CommandsModuleGateway },
    CreateDriverUseCase,
    GetDriverUseCase,
    IssueDriverTokenUseCase,
    ListDriverTokensUseCase,
    SetDriverTokenValidityUseCase,
    SearchLocationsUseCase,
    StartDriverSessionUseCase,
    GetDriverSessionUseCase,
    StopDriverSessionUseCase,
    GetDriverCommandUseCase,
    ListDriverCdrsUseCase,
    ListDriverInvoicesUseCase,
    RecordDriverInvoiceUseCase,
    InvoiceIssuedConsumer,
  ],
})
export class DriverModule {}
