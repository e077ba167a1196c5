import { Body, Controller, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  ListDriverCdrsUseCase,
  ListDriverInvoicesUseCase,
} from '../use-cases/driver-billing.use-cases';
import {
  IssueDriverTokenUseCase,
  ListDriverTokensUseCase,
  SetDriverTokenValidityUseCase,
} from '../use-cases/driver-tokens.use-cases';
import { CreateDriverUseCase, GetDriverUseCase } from '../use-cases/drivers.use-cases';
import { DriverApiKeyGuard } from './driver-api-key.guard';
import {
  CreateDriverRequest,
  DriverPageQuery,
  IssueTokenRequest,
  parseRequest,
} from './driver-api.dto';

/** Driver API for the app backend (`Authorization: Bearer <DRIVER_API_KEY>`): accounts, tokens, bills. */
@ApiTags('driver-api')
@ApiBearerAuth()
@Controller('api/v1/drivers')
@UseGuards(DriverApiKeyGuard)
export class DriversController {
  constructor(
    private readonly createDriver: CreateDriverUseCase,
    private readonly getDriver: GetDriverUseCase,
    private readonly issueToken: IssueDriverTokenUseCase,
    private readonly listTokens: ListDriverTokensUseCase,
    private readonly setValidity: SetDriverTokenValidityUseCase,
    private readonly listCdrs: ListDriverCdrsUseCase,
    private readonly listInvoices: ListDriverInvoicesUseCase,
  ) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Create a driver account' })
  create(@Body() body: CreateDriverRequest) {
    const req = parseRequest(CreateDriverRequest, body, 'invalid driver');
    return this.createDriver.execute({ name: req.name, email: req.email });
  }

  @Get(':driverId')
  @ApiOperation({ summary: 'One driver account' })
  get(@Param('driverId') driverId: string) {
    return this.getDriver.execute({ driverId });
  }

  @Post(':driverId/tokens')
  @HttpCode(201)
  @ApiOperation({
    summary: 'Issue an RFID or app token with a new contract id; pushed to every CPO partner',
  })
  issue(@Param('driverId') driverId: string, @Body() body: IssueTokenRequest) {
    const req = parseRequest(IssueTokenRequest, body, 'invalid token');
    return this.issueToken.execute({
      driverId,
      type: req.type,
      uid: req.uid,
      visualNumber: req.visual_number,
    });
  }

  @Get(':driverId/tokens')
  @ApiOperation({ summary: "The driver's tokens" })
  tokens(@Param('driverId') driverId: string) {
    return this.listTokens.execute({ driverId });
  }

  @Post(':driverId/tokens/:uid/block')
  @HttpCode(200)
  @ApiOperation({ summary: 'Block a token; the change is pushed to every CPO partner at once' })
  block(@Param('driverId') driverId: string, @Param('uid') uid: string) {
    return this.setValidity.execute({ driverId, uid, valid: false });
  }

  @Post(':driverId/tokens/:uid/unblock')
  @HttpCode(200)
  @ApiOperation({ summary: 'Unblock a token; pushed to every CPO partner' })
  unblock(@Param('driverId') driverId: string, @Param('uid') uid: string) {
    return this.setValidity.execute({ driverId, uid, valid: true });
  }

  @Get(':driverId/cdrs')
  @ApiOperation({ summary: "CDRs received from CPOs for the driver's tokens (paginated)" })
  cdrs(@Param('driverId') driverId: string, @Query() query: DriverPageQuery) {
    const q = parseRequest(DriverPageQuery, query, 'invalid page');
    return this.listCdrs.execute({ driverId, offset: q.offset, limit: q.limit });
  }

  @Get(':driverId/invoices')
  @ApiOperation({ summary: "The driver's invoices and credit notes (paginated)" })
  invoices(@Param('driverId') driverId: string, @Query() query: DriverPageQuery) {
    const q = parseRequest(DriverPageQuery, query, 'invalid page');
    return this.listInvoices.execute({ driverId, offset: q.offset, limit: q.limit });
  }
}
