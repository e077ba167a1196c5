import { Module } from '@nestjs/common';
import { RatingController } from './http/rating.controller';
import { CalculateRatingUseCase } from './use-cases/calculate-rating/calculate-rating.use-case';

/** The OCPI 2.2.1 pricing engine behind `POST /v1/rating/calculate`. */
@Module({
  controllers: [RatingController],
  providers: [CalculateRatingUseCase],
})
export class RatingModule {}
