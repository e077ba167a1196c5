import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ValidationFailedError } from '@voltlane/platform-core';
import { DriverNotFoundError } from '../domain/driver-errors';
import { type DriverAccount, DriverRepository } from '../persistence/driver.repository';

export interface CreateDriverCommand {
  name: string;
  email?: string | null;
}

/** `POST /api/v1/drivers`: a new driver account (id = uuid). */
@Injectable()
export class CreateDriverUseCase {
  constructor(private readonly drivers: DriverRepository) {}

  execute(command: CreateDriverCommand): Promise<DriverAccount> {
    const name = command.name?.trim();
    if (!name) throw new ValidationFailedError('Invalid driver', ['name: must not be empty']);
    return this.drivers.create({ id: randomUUID(), name, email: command.email ?? null });
  }
}

/** `GET /api/v1/drivers/{id}`; also the existence check every driver-scoped call starts with. */
@Injectable()
export class GetDriverUseCase {
  constructor(private readonly drivers: DriverRepository) {}

  async execute({ driverId }: { driverId: string }): Promise<DriverAccount> {
    const driver = await this.drivers.find(driverId);
    if (!driver) throw new DriverNotFoundError(`Unknown driver ${driverId}`);
    return driver;
  }
}
