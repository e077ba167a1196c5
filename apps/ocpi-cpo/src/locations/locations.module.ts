import { Module } from '@nestjs/common';
import { PartnerSyncModule } from '../partner-sync/partner-sync.module';
import { ConnectorStatusChangedConsumer } from './consumers/connector-status-changed.consumer';
import { StationConnectionConsumer } from './consumers/station-connection.consumer';
import { LocationsAdminController } from './http/locations-admin.controller';
import { LocationsOcpiController } from './http/locations-ocpi.controller';
import { LocationRepository } from './persistence/location.repository';
import { EvseStatusWriter } from './use-cases/evse-status.writer';
import { GetAdminLocationUseCase } from './use-cases/get-admin-location.use-case';
import { GetLocationObjectUseCase } from './use-cases/get-location-object.use-case';
import { ListLocationsUseCase } from './use-cases/list-locations.use-case';
import { LocationPusher } from './use-cases/location-pusher';
import { PutLocationUseCase } from './use-cases/put-location.use-case';
import { RecordStationConnectionUseCase } from './use-cases/record-station-connection.use-case';
import { RetireLocationUseCase } from './use-cases/retire-location.use-case';
import { UpdateEvseStatusUseCase } from './use-cases/update-evse-status.use-case';

/**
 * Our CPO's Locations (ADR 0064): operator master data with the EVSE ↔ OCPP map, EVSE status from
 * OCPP, the OCPI Sender GET interface and pushes to eMSPs.
 */
@Module({
  imports: [PartnerSyncModule],
  controllers: [LocationsAdminController, LocationsOcpiController],
  providers: [
    LocationRepository,
    LocationPusher,
    EvseStatusWriter,
    PutLocationUseCase,
    GetAdminLocationUseCase,
    RetireLocationUseCase,
    UpdateEvseStatusUseCase,
    RecordStationConnectionUseCase,
    ListLocationsUseCase,
    GetLocationObjectUseCase,
    ConnectorStatusChangedConsumer,
    StationConnectionConsumer,
  ],
  exports: [LocationRepository, LocationPusher],
})
export class LocationsModule {}
