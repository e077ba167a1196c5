import { Injectable } from '@nestjs/common';
import type { PageRequest } from '@voltlane/ocpi-core';
import type { LocationJson } from '../domain/location-master-data';
import { LocationRepository } from '../persistence/location.repository';

/** Largest page of the Locations Sender GET (`X-Limit`). */
export const LOCATIONS_MAX_LIMIT = 100;

/**
 * OCPI Locations Sender GET list: visible locations with at least one valid EVSE, ordered by
 * (last_updated, id), `date_from` inclusive and `date_to` exclusive on `last_updated`.
 */
@Injectable()
export class ListLocationsUseCase {
  constructor(private readonly locations: LocationRepository) {}

  execute(page: PageRequest): Promise<{ total: number; items: LocationJson[] }> {
    return this.locations.listPage(page);
  }
}
