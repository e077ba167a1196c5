import { ValidationFailedError } from '@voltlane/platform-core';
import { validateOcpi } from '@voltlane/protocols-ocpi';
import { CalculateRatingRequestDto } from '../../http/dto/calculate-rating.request.dto';

/** A validated price calculation request: an OCPI 2.2.1 Tariff and a session to price. */
export class CalculateRatingCommand {
  private constructor(readonly request: CalculateRatingRequestDto) {}

  /** Validates the body; a violation names the field path, e.g. `tariff.elements[0].price_components[0].step_size`. */
  static from(body: unknown): CalculateRatingCommand {
    const result = validateOcpi(CalculateRatingRequestDto, body);
    if (!result.ok) {
      throw new ValidationFailedError('The rating request is invalid', result.violations);
    }
    return new CalculateRatingCommand(result.value);
  }
}
