import { Module } from '@nestjs/common';
import { OcpiCoreModule, OcpiPushModule } from '@voltlane/ocpi-core';
import { platformModules } from '@voltlane/platform-runtime';
import { CdrsModule } from './cdrs/cdrs.module';
import { CommandsModule } from './commands/commands.module';
import { OcpiEmspEnv } from './config/ocpi-emsp.env';
import { DriverModule } from './driver/driver.module';
import { LocationsModule } from './locations/locations.module';
import { SERVICE } from './ocpi-emsp.service';
import { SessionsModule } from './sessions/sessions.module';
import { SyncModule } from './sync/sync.module';
import { TariffsModule } from './tariffs/tariffs.module';
import { TokensModule } from './tokens/tokens.module';

@Module({
  imports: [
    ...platformModules(SERVICE),
    OcpiCoreModule.forRootAsync('/ocpi/emsp', {
      inject: [OcpiEmspEnv],
      useFactory: (env: OcpiEmspEnv) => ({
        role: 'EMSP',
        publicUrl: env.OCPI_PUBLIC_URL,
        countryCode: env.OCPI_COUNTRY_CODE,
        partyId: env.OCPI_PARTY_ID,
        businessName: env.OCPI_BUSINESS_NAME,
        endpoints: [
          { identifier: 'locations', role: 'RECEIVER', path: 'locations' },
          { identifier: 'tariffs', role: 'RECEIVER', path: 'tariffs' },
          { identifier: 'sessions', role: 'RECEIVER', path: 'sessions' },
          { identifier: 'cdrs', role: 'RECEIVER', path: 'cdrs' },
          { identifier: 'tokens', role: 'SENDER', path: 'tokens' },
          // the eMSP's commands module is the Sender interface: the response_url callbacks
          { identifier: 'commands', role: 'SENDER', path: 'commands' },
        ],
      }),
    }),
    // push delivery worker + /admin/v1/push-queue (queue table: migration 1763900300000)
    OcpiPushModule.forRoot(),
    LocationsModule,
    TariffsModule,
    SessionsModule,
    CdrsModule,
    TokensModule,
    CommandsModule,
    // pull sync from CPO partners' Sender endpoints (ADR 0071)
    SyncModule,
    // driver API on /api/v1 for the app backend (ADR 0072)
    DriverModule,
  ],
})
export class AppModule {}
