import { Injectable } from '@nestjs/common';
import { OcpiException } from '@voltlane/ocpi-core';
import { OcpiStatus } from '@voltlane/protocols-ocpi';
import type { ReceivedRef } from '../../shared/domain/received-object';
import { locationPart, type LocationTarget } from '../domain/received-location';
import { ReceivedLocationRepository } from '../persistence/received-location.repository';

/** `GET {locations}/{cc}/{pid}/{location_id}[/...]`: what we hold for the caller; else 404. */
@Injectable()
export class GetReceivedLocationUseCase {
  constructor(private readonly locations: ReceivedLocationRepository) {}

  async execute(command: { ref: ReceivedRef; target: LocationTarget }): Promise<unknown> {
    const stored = await this.locations.find(command.ref);
    const part = stored?.object ? locationPart(stored.object, command.target) : undefined;
    if (!part) {
      throw OcpiException.notFound(
        stored?.object ? 'Unknown EVSE or Connector' : 'Unknown Location',
        OcpiStatus.UnknownLocation,
      );
    }
    return part;
  }
}
