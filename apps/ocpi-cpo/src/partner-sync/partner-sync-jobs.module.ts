import { Module } from '@nestjs/common';
import { LocationsModule } from '../locations/locations.module';
import { TariffsModule } from '../tariffs/tariffs.module';
import { PartnerSyncSweeper } from './jobs/partner-sync.sweeper';
import { PartnerSyncModule } from './partner-sync.module';

/** The initial load of Tariffs and Locations to eMSP partners registered later. */
@Module({
  imports: [PartnerSyncModule, LocationsModule, TariffsModule],
  providers: [PartnerSyncSweeper],
})
export class PartnerSyncJobsModule {}
