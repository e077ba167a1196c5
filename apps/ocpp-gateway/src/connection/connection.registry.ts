import { Injectable } from '@nestjs/common';
import type { StationConnection } from './station-connection';

/** The stations connected to this replica. */
@Injectable()
export class ConnectionRegistry {
  private readonly byStation = new Map<string, StationConnection>();

  get(stationId: string): StationConnection | undefined {
    return this.byStation.get(stationId);
  }

  /** Registers `connection`; returns the connection it replaces, if any. */
  replace(connection: StationConnection): StationConnection | undefined {
    const old = this.byStation.get(connection.session.stationId);
    this.byStation.set(connection.session.stationId, connection);
    return old;
  }

  /** Removes `connection` if it is still the station's current one. */
  remove(connection: StationConnection): void {
    if (this.byStation.get(connection.session.stationId) === connection) {
      this.byStation.delete(connection.session.stationId);
    }
  }

  all(): IterableIterator<StationConnection> {
    return this.byStation.values();
  }

  get size(): number {
    return this.byStation.size;
  }
}
