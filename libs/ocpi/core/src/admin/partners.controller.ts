import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  UseFilters,
  UseGuards,
} from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ValidationFailedError } from '@voltlane/platform-core';
import { OperatorKeyGuard } from '@voltlane/platform-service';
import { type ClassConstructor, plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import {
  CreatePartnerRequestDto,
  RegisterWithPartnerRequestDto,
  UpdatePartnerRequestDto,
} from './partner-admin.dto';
import { PartnerAdminFilter } from './partner-admin.filter';
import { CreatePartnerUseCase } from './create-partner.use-case';
import { IssueTokenAUseCase } from './issue-token-a.use-case';
import { QueryPartnersUseCase } from './query-partners.use-case';
import { RegisterWithPartnerUseCase } from './register-with-partner.use-case';
import { UnregisterPartnerUseCase } from './unregister-partner.use-case';
import { UpdatePartnerUseCase } from './update-partner.use-case';

/** Operator API of OCPI partners (`Authorization: Bearer <ADMIN_API_KEY>`). */
@ApiTags('ocpi-partners')
@Controller('admin/v1/partners')
@UseGuards(OperatorKeyGuard)
@UseFilters(PartnerAdminFilter)
export class PartnersController {
  constructor(
    private readonly createPartner: CreatePartnerUseCase,
    private readonly partners: QueryPartnersUseCase,
    private readonly updatePartner: UpdatePartnerUseCase,
    private readonly issueTokenA: IssueTokenAUseCase,
    private readonly registerWithPartner: RegisterWithPartnerUseCase,
    private readonly unregisterPartner: UnregisterPartnerUseCase,
  ) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary: 'Create a partner and issue its Token A; answers the token and our versions URL',
  })
  create(@Body() body: CreatePartnerRequestDto) {
    return this.createPartner.execute(parse(CreatePartnerRequestDto, body, 'invalid partner'));
  }

  @Get()
  @ApiOperation({ summary: 'List partners (no secrets but unused Tokens A)' })
  list() {
    return this.partners.list();
  }

  @Get(':id')
  @ApiOperation({ summary: 'One partner' })
  get(@Param('id') id: string) {
    return this.partners.get(id);
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Change the name or the token switches (accept_raw_tokens, outgoing_token_encoding)',
  })
  update(@Param('id') id: string, @Body() body: UpdatePartnerRequestDto) {
    return this.updatePartner.execute({
      partnerId: id,
      changes: parse(UpdatePartnerRequestDto, body, 'invalid partner update'),
    });
  }

  @Post(':id/token')
  @HttpCode(201)
  @ApiOperation({
    summary: 'Issue a new Token A for a partner that is not registered (again PENDING)',
  })
  issueToken(@Param('id') id: string) {
    return this.issueTokenA.execute({ partnerId: id });
  }

  @Post(':id/register')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Register with the partner using its versions URL and Token A (502 with the reason on failure)',
  })
  register(@Param('id') id: string, @Body() body: RegisterWithPartnerRequestDto) {
    const req = parse(RegisterWithPartnerRequestDto, body, 'invalid registration request');
    return this.registerWithPartner.execute({
      partnerId: id,
      versionsUrl: req.versions_url,
      token: req.token,
    });
  }

  @Delete(':id')
  @ApiOperation({
    summary: 'Unregister the partner (DELETE credentials at the peer when registered)',
  })
  unregister(@Param('id') id: string) {
    return this.unregisterPartner.execute({ partnerId: id });
  }
}

function parse<T extends object>(type: ClassConstructor<T>, raw: unknown, message: string): T {
  const value = plainToInstance(type, raw ?? {}, { exposeDefaultValues: true });
  const errors = validateSync(value, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length > 0) throw ValidationFailedError.fromValidationErrors(errors, message);
  return value;
}
