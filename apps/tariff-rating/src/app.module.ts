import { Module } from '@nestjs/common';
import { platformModules } from '@voltlane/platform-runtime';
import { TariffAssignmentsModule } from './assignments/tariff-assignments.module';
import { RatingModule } from './rating/rating.module';
import { SessionRatingModule } from './session-rating/session-rating.module';
import { TariffsModule } from './tariffs/tariffs.module';
import { SERVICE } from './tariff-rating.service';

@Module({
  imports: [
    ...platformModules(SERVICE),
    RatingModule,
    TariffsModule,
    TariffAssignmentsModule,
    SessionRatingModule,
  ],
})
export class AppModule {}
