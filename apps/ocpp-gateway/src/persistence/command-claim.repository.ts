import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** Exactly one gateway replica answers each command: the first to claim its id. */
@Injectable()
export class CommandClaimRepository {
  constructor(private readonly dataSource: DataSource) {}

  async claim(commandId: string, gatewayInstanceId: string): Promise<boolean> {
    const rows = (await this.dataSource.query(
      `INSERT INTO "ocpp_gateway"."command_claims" (command_id, gateway_instance_id) VALUES ($1, $2)
       ON CONFLICT DO NOTHING RETURNING command_id`,
      [commandId, gatewayInstanceId],
    )) as unknown[];
    return rows.length > 0;
  }
}
