import { Module } from '@nestjs/common';
import { LocationsModule } from '../locations/locations.module';
import { TokensModule } from '../tokens/tokens.module';
import { AuthorizationRequestedConsumer } from './consumers/authorization-requested.consumer';
import { AuthorizationDecisionRepository } from './persistence/authorization-decision.repository';
import { AuthorizeIdTagUseCase } from './use-cases/authorize-id-tag.use-case';
import { StationPlaces } from './use-cases/location-references';

/** Real-time authorization for the gateway (ADR 0066, gateway side ADR 0014). */
@Module({
  imports: [TokensModule, LocationsModule],
  providers: [
    AuthorizationDecisionRepository,
    StationPlaces,
    AuthorizeIdTagUseCase,
    AuthorizationRequestedConsumer,
  ],
})
export class AuthorizationModule {}
