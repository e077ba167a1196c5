import { Module } from '@nestjs/common';
import { platformModules } from '@voltlane/platform-runtime';
import { SERVICE } from './cdr-billing.service';

@Module({
  imports: [...platformModules(SERVICE)],
})
export class AppModule {}
