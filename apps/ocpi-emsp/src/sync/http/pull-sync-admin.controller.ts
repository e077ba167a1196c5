import { Controller, Get, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { OperatorKeyGuard } from '@voltlane/platform-service';
import { GetPullSyncStateUseCase } from '../use-cases/get-pull-sync-state.use-case';
import { RunPullSyncUseCase } from '../use-cases/run-pull-sync.use-case';

/**
 * Operator trigger and view of the pull sync (ADR 0071): `POST /admin/v1/partners/{id}/sync` runs
 * one now and answers its outcome per module (409 while another run of that partner is going on);
 * `GET` shows watermarks, last runs and last errors.
 */
@ApiTags('admin')
@Controller('admin/v1/partners/:id/sync')
@UseGuards(OperatorKeyGuard)
export class PullSyncAdminController {
  constructor(
    private readonly runSync: RunPullSyncUseCase,
    private readonly getState: GetPullSyncStateUseCase,
  ) {}

  @Post()
  @HttpCode(200)
  run(@Param('id') partnerId: string) {
    return this.runSync.execute({ partnerId });
  }

  @Get()
  get(@Param('id') partnerId: string) {
    return this.getState.execute({ partnerId });
  }
}
