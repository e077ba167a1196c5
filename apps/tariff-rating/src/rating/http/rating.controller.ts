import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { OperatorKeyGuard } from '@voltlane/platform-service';
import { CalculateRatingCommand } from '../use-cases/calculate-rating/calculate-rating.command';
import { CalculateRatingUseCase } from '../use-cases/calculate-rating/calculate-rating.use-case';
import type { CdrTotalsResponse } from './dto/cdr-totals.response.dto';

/** Price calculation for operators: `Authorization: Bearer <ADMIN_API_KEY>`. */
@Controller('v1/rating')
@UseGuards(OperatorKeyGuard)
export class RatingController {
  constructor(private readonly calculateRating: CalculateRatingUseCase) {}

  @Post('calculate')
  @HttpCode(200)
  calculate(@Body() body: unknown): CdrTotalsResponse {
    return this.calculateRating.execute(CalculateRatingCommand.from(body));
  }
}
