import { Module } from '@nestjs/common';
import { platformModules } from '@voltlane/platform-runtime';
import { CdrsModule } from './cdrs/cdrs.module';
import { SERVICE } from './cdr-billing.service';

@Module({
  imports: [...platformModules(SERVICE), CdrsModule],
})
export class AppModule {}
