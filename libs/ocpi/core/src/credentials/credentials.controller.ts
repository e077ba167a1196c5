import { Controller, Delete, Get, HttpCode, Post, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CredentialsDto } from '@voltlane/protocols-ocpi';
import { OcpiCaller, OcpiConfigurationEndpoint } from '../auth/ocpi.decorators';
import { OcpiBody } from '../transport/ocpi-body';
import { DeleteCredentialsUseCase } from './use-cases/delete-credentials.use-case';
import { GetCredentialsUseCase } from './use-cases/get-credentials.use-case';
import { RegisterPartnerUseCase } from './use-cases/register-partner.use-case';
import { UpdateCredentialsUseCase } from './use-cases/update-credentials.use-case';

/** `{basePath}/2.2.1/credentials` (bound to the base path by `ocpiPartyControllers`). */
@ApiTags('ocpi')
@Controller('2.2.1/credentials')
@OcpiConfigurationEndpoint()
export class CredentialsController {
  constructor(
    private readonly getCredentials: GetCredentialsUseCase,
    private readonly registerPartner: RegisterPartnerUseCase,
    private readonly updateCredentials: UpdateCredentialsUseCase,
    private readonly deleteCredentials: DeleteCredentialsUseCase,
  ) {}

  @Get()
  get(@OcpiCaller() caller: OcpiCaller) {
    return this.getCredentials.execute({ caller });
  }

  @Post()
  @HttpCode(200)
  post(@OcpiCaller() caller: OcpiCaller, @OcpiBody(CredentialsDto) credentials: CredentialsDto) {
    return this.registerPartner.execute({ caller, credentials });
  }

  @Put()
  put(@OcpiCaller() caller: OcpiCaller, @OcpiBody(CredentialsDto) credentials: CredentialsDto) {
    return this.updateCredentials.execute({ caller, credentials });
  }

  @Delete()
  delete(@OcpiCaller() caller: OcpiCaller) {
    return this.deleteCredentials.execute({ caller });
  }
}
