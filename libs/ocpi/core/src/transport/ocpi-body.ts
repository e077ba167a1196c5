import { Body, Injectable, type PipeTransform } from '@nestjs/common';
import { validateOcpi } from '@voltlane/protocols-ocpi';
import { OcpiException } from './ocpi.exception';

/** Validates a request body against an OCPI DTO class; violations → HTTP 400 + OCPI 2001. */
@Injectable()
export class OcpiValidationPipe<T extends object> implements PipeTransform<unknown, T> {
  constructor(private readonly dto: new () => T) {}

  transform(value: unknown): T {
    const result = validateOcpi(this.dto, value);
    if (!result.ok) {
      throw OcpiException.invalidParameters(
        `Invalid ${this.dto.name}: ${result.violations.join('; ')}`,
      );
    }
    return result.value;
  }
}

/** `@OcpiBody(LocationDto) location: LocationDto` */
export function OcpiBody<T extends object>(dto: new () => T): ParameterDecorator {
  return Body(new OcpiValidationPipe(dto));
}
