import { Controller, Get, Param, Patch, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { OcpiBody, OcpiCaller, OcpiFunctionalEndpoint } from '@voltlane/ocpi-core';
import { OcpiSession, SessionPatchDto } from '@voltlane/protocols-ocpi';
import { ownedCpoParty } from '../../shared/http/ocpi-receiver.checks';
import { GetReceivedSessionUseCase } from '../use-cases/get-received-session.use-case';
import { PatchSessionUseCase } from '../use-cases/patch-session.use-case';
import { PutSessionUseCase } from '../use-cases/put-session.use-case';

const ref = (caller: OcpiCaller, p: Record<string, string>) => ({
  partnerId: caller.partnerId,
  ...ownedCpoParty(caller, p.cc, p.pid),
  id: p.sessionId,
});

/** OCPI 2.2.1 Sessions, Receiver interface: CPO partners PUT and PATCH our drivers' sessions. */
@ApiTags('ocpi')
@Controller('ocpi/emsp/2.2.1/sessions/:cc/:pid/:sessionId')
@OcpiFunctionalEndpoint('sessions')
export class SessionsReceiverController {
  constructor(
    private readonly getSession: GetReceivedSessionUseCase,
    private readonly putSession: PutSessionUseCase,
    private readonly patchSession: PatchSessionUseCase,
  ) {}

  @Get()
  get(@OcpiCaller() caller: OcpiCaller, @Param() p: Record<string, string>) {
    return this.getSession.execute({ ref: ref(caller, p) });
  }

  @Put()
  put(
    @OcpiCaller() caller: OcpiCaller,
    @Param() p: Record<string, string>,
    @OcpiBody(OcpiSession) body: OcpiSession,
  ) {
    return this.putSession.execute({ ref: ref(caller, p), body });
  }

  @Patch()
  patch(
    @OcpiCaller() caller: OcpiCaller,
    @Param() p: Record<string, string>,
    @OcpiBody(SessionPatchDto) patch: SessionPatchDto,
  ) {
    return this.patchSession.execute({ ref: ref(caller, p), patch });
  }
}
