import { Body, Controller, Get, Param, Post, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ValidationFailedError } from '@voltlane/platform-core';
import { OperatorKeyGuard } from '@voltlane/platform-service';
import { GetCommandUseCase } from '../use-cases/get-command.use-case';
import { SendCommandUseCase } from '../use-cases/send-command.use-case';

/**
 * Operator API of the commands we send to CPOs (ADR 0071): `POST /admin/v1/commands`
 * `{partner_id, type, body, to?: {country_code, party_id}}` sends one and answers 201 with the
 * command (`id`, `state`, `response`, ...); `GET /admin/v1/commands/{id}` follows it.
 */
@ApiTags('admin')
@Controller('admin/v1/commands')
@UseGuards(OperatorKeyGuard)
export class CommandsAdminController {
  constructor(
    private readonly sendCommand: SendCommandUseCase,
    private readonly getCommand: GetCommandUseCase,
  ) {}

  @Post()
  send(@Body() input: unknown) {
    const fields = (input ?? {}) as Record<string, unknown>;
    const to = fields.to as { country_code?: unknown; party_id?: unknown } | undefined;
    if (typeof fields.partner_id !== 'string' || typeof fields.type !== 'string') {
      throw new ValidationFailedError('Invalid command', ['partner_id, type: required strings']);
    }
    return this.sendCommand.execute({
      partnerId: fields.partner_id,
      type: fields.type,
      body: fields.body as Record<string, unknown>,
      requestedBy: 'operator',
      to:
        to && typeof to.country_code === 'string' && typeof to.party_id === 'string'
          ? { countryCode: to.country_code, partyId: to.party_id }
          : undefined,
    });
  }

  @Get(':id')
  get(@Param('id') id: string) {
    return this.getCommand.execute({ id });
  }
}
