import { Injectable } from '@nestjs/common';
import { StationRepository, type StationRecord } from './station.repository';

/** How long a registry read is reused for handshakes and boots. */
const TTL_MS = 30_000;

/**
 * A short-lived cache of registry reads for the hot paths (handshake, BootNotification): in a
 * reconnect storm every station was read seconds before. Changes through this replica's registry
 * API invalidate it at once; changes made on another replica are seen within 30 s.
 */
@Injectable()
export class StationDirectory {
  private readonly cache = new Map<string, { station: StationRecord | null; until: number }>();

  constructor(private readonly stations: StationRepository) {}

  async find(stationId: string): Promise<StationRecord | null> {
    const hit = this.cache.get(stationId);
    if (hit && hit.until > Date.now()) return hit.station;
    const station = await this.stations.find(stationId);
    // Unknown stations are not cached: an operator registers them and expects them to connect.
    if (station) this.cache.set(stationId, { station, until: Date.now() + TTL_MS });
    else this.cache.delete(stationId);
    if (this.cache.size > 200_000) this.cache.clear();
    return station;
  }

  invalidate(stationId: string): void {
    this.cache.delete(stationId);
  }
}
