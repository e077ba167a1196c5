import { Injectable } from '@nestjs/common';

/** How long a RemoteStartTransaction's idTag is accepted for the start it asked for. */
const GRANT_TTL_MS = 5 * 60_000;

/**
 * idTags handed to a station by an accepted RemoteStartTransaction: the StartTransaction that
 * follows is Accepted for that idTag on that station, whatever the cache says (the requester has
 * authorized it already). Kept in memory on the replica that sent the command, which is the one
 * holding the station's socket.
 */
@Injectable()
export class RemoteStartGrants {
  private readonly grants = new Map<string, number>();

  grant(stationId: string, idTag: string): void {
    this.grants.set(`${stationId}\n${idTag}`, Date.now() + GRANT_TTL_MS);
  }

  /** True (once) when the idTag was granted for this station and has not expired. */
  consume(stationId: string, idTag: string): boolean {
    const key = `${stationId}\n${idTag}`;
    const until = this.grants.get(key);
    if (until === undefined) return false;
    this.grants.delete(key);
    return until >= Date.now();
  }
}
