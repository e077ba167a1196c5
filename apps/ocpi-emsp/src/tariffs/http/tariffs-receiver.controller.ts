import { Controller, Delete, Get, Param, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { OcpiBody, OcpiCaller, OcpiFunctionalEndpoint } from '@voltlane/ocpi-core';
import { TariffDto } from '@voltlane/protocols-ocpi';
import { ownedCpoParty } from '../../shared/http/ocpi-receiver.checks';
import { DeleteTariffUseCase } from '../use-cases/delete-tariff.use-case';
import { GetReceivedTariffUseCase } from '../use-cases/get-received-tariff.use-case';
import { PutTariffUseCase } from '../use-cases/put-tariff.use-case';

const ref = (caller: OcpiCaller, p: Record<string, string>) => ({
  partnerId: caller.partnerId,
  ...ownedCpoParty(caller, p.cc, p.pid),
  id: p.tariffId,
});

/** OCPI 2.2.1 Tariffs, Receiver interface: CPO partners push (PUT) and retire (DELETE) Tariffs. */
@ApiTags('ocpi')
@Controller('ocpi/emsp/2.2.1/tariffs/:cc/:pid/:tariffId')
@OcpiFunctionalEndpoint('tariffs')
export class TariffsReceiverController {
  constructor(
    private readonly getTariff: GetReceivedTariffUseCase,
    private readonly putTariff: PutTariffUseCase,
    private readonly deleteTariff: DeleteTariffUseCase,
  ) {}

  @Get()
  get(@OcpiCaller() caller: OcpiCaller, @Param() p: Record<string, string>) {
    return this.getTariff.execute({ ref: ref(caller, p) });
  }

  @Put()
  put(
    @OcpiCaller() caller: OcpiCaller,
    @Param() p: Record<string, string>,
    @OcpiBody(TariffDto) body: TariffDto,
  ) {
    return this.putTariff.execute({ ref: ref(caller, p), body });
  }

  @Delete()
  delete(@OcpiCaller() caller: OcpiCaller, @Param() p: Record<string, string>) {
    return this.deleteTariff.execute({ ref: ref(caller, p) });
  }
}
