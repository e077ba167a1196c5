import { Body, Controller, Headers, Param, Post, Query, Res, UseGuards } from '@nestjs/common';
import { OperatorKeyGuard } from '@voltlane/platform-service';
import { ForwardCommandUseCase } from './forward-command.use-case';
import { SendCommandUseCase, type CommandResult } from './send-command.use-case';

const DEFAULT_TIMEOUT_MS = 30_000;
const MAX_TIMEOUT_MS = 120_000;
export const FORWARDED_HEADER = 'x-voltlane-forwarded-by';

/** The station answered (200), its answer broke the schema (502), no answer (504), offline (409). */
const HTTP_STATUS_OF: Record<CommandResult['outcome'], number> = {
  Responded: 200,
  CallError: 200,
  InvalidResponse: 502,
  Timeout: 504,
  StationOffline: 409,
};

/**
 * `POST /api/v1/stations/{stationId}/commands/{Action}` with the OCPP request payload as body:
 * waits (bounded by `?timeoutMs=`, default 30 s) for the station. 200 when the station answered
 * (CALLRESULT or CALLERROR, see `outcome`), 502 when its answer broke the `<Action>.conf` schema
 * (`InvalidResponse`), 504 on timeout, 409 when it is connected nowhere. A
 * station connected to another replica is reached by forwarding the request there once.
 */
@Controller('api/v1/stations/:stationId/commands')
@UseGuards(OperatorKeyGuard)
export class CommandsController {
  constructor(
    private readonly sendCommand: SendCommandUseCase,
    private readonly forwardCommand: ForwardCommandUseCase,
  ) {}

  @Post(':action')
  async send(
    @Param('stationId') stationId: string,
    @Param('action') action: string,
    @Body() body: unknown,
    @Query('timeoutMs') timeoutMs: string | undefined,
    @Headers('authorization') authorization: string,
    @Headers(FORWARDED_HEADER) forwardedBy: string | undefined,
    @Res({ passthrough: true }) res: { status(code: number): unknown },
  ): Promise<CommandResult> {
    const parsed = Number(timeoutMs ?? DEFAULT_TIMEOUT_MS);
    const bounded = Number.isFinite(parsed)
      ? Math.min(Math.max(parsed, 100), MAX_TIMEOUT_MS)
      : DEFAULT_TIMEOUT_MS;
    const command = { stationId, command: action, payload: body ?? {}, timeoutMs: bounded };
    const { sent, ...result } = await this.sendCommand.execute(command);
    if (result.outcome === 'StationOffline' && sent === false && forwardedBy === undefined) {
      const forwarded = await this.forwardCommand.execute({ ...command, authorization });
      if (forwarded) {
        res.status(forwarded.status);
        return forwarded.body;
      }
    }
    res.status(HTTP_STATUS_OF[result.outcome]);
    return result;
  }
}
