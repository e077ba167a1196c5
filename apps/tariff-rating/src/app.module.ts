import { Module } from '@nestjs/common';
import { platformModules } from '@voltlane/platform-runtime';
import { SERVICE } from './tariff-rating.service';

@Module({
  imports: [...platformModules(SERVICE)],
})
export class AppModule {}
