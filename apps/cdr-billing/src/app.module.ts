import { Module } from '@nestjs/common';
import { platformModules } from '@voltlane/platform-runtime';
import { CdrsModule } from './cdrs/cdrs.module';
import { SERVICE } from './cdr-billing.service';
import { InvoicesModule } from './invoices/invoices.module';

@Module({
  imports: [...platformModules(SERVICE), CdrsModule, InvoicesModule],
})
export class AppModule {}
