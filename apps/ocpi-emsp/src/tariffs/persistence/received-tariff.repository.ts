import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ReceivedObjectStore } from '../../shared/persistence/received-object.store';
import type { TariffJson } from '../domain/received-tariff';

/** Tariffs pushed by CPO partners (table `received_tariffs`; DELETE leaves a tombstone). */
@Injectable()
export class ReceivedTariffRepository extends ReceivedObjectStore<TariffJson> {
  constructor(dataSource: DataSource) {
    super(dataSource, 'received_tariffs');
  }
}
