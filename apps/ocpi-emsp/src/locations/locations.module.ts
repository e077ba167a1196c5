import { Module } from '@nestjs/common';
import { LocationsReceiverController } from './http/locations-receiver.controller';
import { ReceivedLocationRepository } from './persistence/received-location.repository';
import { GetReceivedLocationUseCase } from './use-cases/get-received-location.use-case';
import { PatchLocationObjectUseCase } from './use-cases/patch-location-object.use-case';
import { PutLocationObjectUseCase } from './use-cases/put-location-object.use-case';

/** OCPI Locations Receiver: Locations pushed by CPO partners, published on Kafka (ADR 0070). */
@Module({
  controllers: [LocationsReceiverController],
  providers: [
    ReceivedLocationRepository,
    GetReceivedLocationUseCase,
    PutLocationObjectUseCase,
    PatchLocationObjectUseCase,
  ],
  exports: [ReceivedLocationRepository],
})
export class LocationsModule {}
