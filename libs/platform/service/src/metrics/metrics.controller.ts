import { Controller, Get, Res } from '@nestjs/common';
import type { HttpResponseLike } from '../http/http.types';
import { MetricsService } from './metrics.service';

@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  /** Prometheus text exposition format, with prom-client's exact Content-Type. */
  @Get()
  async scrape(@Res() res: HttpResponseLike): Promise<void> {
    const body = await this.metrics.metrics();
    res.status(200);
    res.setHeader('Content-Type', this.metrics.contentType);
    res.setHeader('Cache-Control', 'no-store');
    res.end(body);
  }
}
