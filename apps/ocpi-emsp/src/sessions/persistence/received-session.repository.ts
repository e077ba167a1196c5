import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ReceivedObjectStore } from '../../shared/persistence/received-object.store';
import type { SessionJson } from '../domain/received-session';

/** Sessions pushed by CPO partners (table `received_sessions`). */
@Injectable()
export class ReceivedSessionRepository extends ReceivedObjectStore<SessionJson> {
  constructor(dataSource: DataSource) {
    super(dataSource, 'received_sessions');
  }
}
