import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ReceivedObjectStore } from '../../shared/persistence/received-object.store';
import type { LocationJson } from '../domain/received-location';

/** Locations pushed by CPO partners (table `received_locations`). */
@Injectable()
export class ReceivedLocationRepository extends ReceivedObjectStore<LocationJson> {
  constructor(dataSource: DataSource) {
    super(dataSource, 'received_locations');
  }
}
