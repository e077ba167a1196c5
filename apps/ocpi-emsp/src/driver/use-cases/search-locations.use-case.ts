import { Injectable } from '@nestjs/common';
import { boundingBox } from '../domain/geo';
import { type LocationFilter, matchLocation, type SearchHit } from '../domain/location-search';
import { DriverReadRepository } from '../persistence/driver-read.repository';

export interface SearchLocationsCommand extends LocationFilter {
  limit: number;
}

/**
 * `GET /api/v1/locations` (ADR 0072): received locations of every CPO partner near a point,
 * nearest first. The GiST index narrows to the bounding box of the radius; the exact distance,
 * connector filters and EVSE availability are computed on those candidates.
 */
@Injectable()
export class SearchLocationsUseCase {
  constructor(private readonly read: DriverReadRepository) {}

  async execute(command: SearchLocationsCommand): Promise<{ items: SearchHit[] }> {
    const box = boundingBox(command.centre, command.radiusM);
    const filtered =
      command.availableNow ||
      command.connectorType !== undefined ||
      command.minPowerKw !== undefined;
    // unfiltered, nearly every location matches: fetch a little more than asked; filtered, more
    const chunk = Math.min(500, Math.max(20, command.limit * (filtered ? 4 : 1) + 5));
    const hits: SearchHit[] = [];
    for (let offset = 0; hits.length < command.limit; offset += chunk) {
      const page = await this.read.nearestInBox(box, command.centre, command.radiusM, {
        offset,
        limit: chunk,
      });
      for (const { partner_id, object } of page) {
        const hit = matchLocation(partner_id, object, command);
        if (hit) hits.push(hit);
      }
      if (page.length < chunk) break;
    }
    // the SQL order is the distance order already; equal distances by id (stable)
    hits.sort((a, b) => a.distance_m - b.distance_m);
    return { items: hits.slice(0, command.limit) };
  }
}
