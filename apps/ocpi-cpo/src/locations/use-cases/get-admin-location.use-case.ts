import { Injectable } from '@nestjs/common';
import { LocationNotFoundError } from '../domain/location.errors';
import { LocationRepository } from '../persistence/location.repository';
import { adminLocationView } from './location-events';

/** `GET /admin/v1/locations/{id}`: the location as stored, with each EVSE's OCPP mapping. */
@Injectable()
export class GetAdminLocationUseCase {
  constructor(private readonly locations: LocationRepository) {}

  async execute(locationId: string): Promise<Record<string, unknown>> {
    const stored = await this.locations.find(locationId);
    if (!stored) throw new LocationNotFoundError(`location ${locationId} does not exist`);
    return adminLocationView(stored.location, stored.evses);
  }
}
