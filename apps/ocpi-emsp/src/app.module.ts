import { Module } from '@nestjs/common';
import { platformModules } from '@voltlane/platform-runtime';
import { SERVICE } from './ocpi-emsp.service';

@Module({
  imports: [...platformModules(SERVICE)],
})
export class AppModule {}
