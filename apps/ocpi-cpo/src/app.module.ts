import { Module } from '@nestjs/common';
import { OcpiCoreModule, OcpiPushModule } from '@voltlane/ocpi-core';
import { platformModules } from '@voltlane/platform-runtime';
import { AuthorizationModule } from './authorization/authorization.module';
import { CdrsModule } from './cdrs/cdrs.module';
import { ChargingProfilesModule } from './chargingprofiles/chargingprofiles.module';
import { CommandsModule } from './commands/commands.module';
import { OcpiCpoEnv } from './config/ocpi-cpo.env';
import { LocationsModule } from './locations/locations.module';
import { SERVICE } from './ocpi-cpo.service';
import { PartnerSyncJobsModule } from './partner-sync/partner-sync-jobs.module';
import { HubClientInfoModule } from './hubclientinfo/hubclientinfo.module';
import { SessionsModule } from './sessions/sessions.module';
import { TariffsModule } from './tariffs/tariffs.module';
import { TokensModule } from './tokens/tokens.module';

@Module({
  imports: [
    ...platformModules(SERVICE),
    OcpiCoreModule.forRootAsync('/ocpi/cpo', {
      inject: [OcpiCpoEnv],
      useFactory: (env: OcpiCpoEnv) => ({
        role: 'CPO',
        publicUrl: env.OCPI_PUBLIC_URL,
        countryCode: env.OCPI_COUNTRY_CODE,
        partyId: env.OCPI_PARTY_ID,
        businessName: env.OCPI_BUSINESS_NAME,
        endpoints: [
          { identifier: 'locations', role: 'SENDER', path: 'locations' },
          { identifier: 'tariffs', role: 'SENDER', path: 'tariffs' },
          { identifier: 'sessions', role: 'SENDER', path: 'sessions' },
          { identifier: 'cdrs', role: 'SENDER', path: 'cdrs' },
          { identifier: 'tokens', role: 'RECEIVER', path: 'tokens' },
          { identifier: 'commands', role: 'RECEIVER', path: 'commands' },
          { identifier: 'chargingprofiles', role: 'RECEIVER', path: 'chargingprofiles' },
          { identifier: 'hubclientinfo', role: 'RECEIVER', path: 'hubclientinfo' },
        ],
      }),
    }),
    // push delivery worker + /admin/v1/push-queue (queue table: migration 1763900000000)
    OcpiPushModule.forRoot(),
    LocationsModule,
    TariffsModule,
    PartnerSyncJobsModule,
    SessionsModule,
    CdrsModule,
    TokensModule,
    AuthorizationModule,
    CommandsModule,
    ChargingProfilesModule,
    HubClientInfoModule,
  ],
})
export class AppModule {}
