import {
  Controller,
  type DynamicModule,
  type FactoryProvider,
  Inject,
  type ModuleMetadata,
  Module,
  type OnModuleInit,
  type Provider,
  type Type,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { PartnersController } from './admin/partners.controller';
import { PartnerAdminFilter } from './admin/partner-admin.filter';
import { CreatePartnerUseCase } from './admin/create-partner.use-case';
import { IssueTokenAUseCase } from './admin/issue-token-a.use-case';
import { QueryPartnersUseCase } from './admin/query-partners.use-case';
import { RegisterWithPartnerUseCase } from './admin/register-with-partner.use-case';
import { UnregisterPartnerUseCase } from './admin/unregister-partner.use-case';
import { UpdatePartnerUseCase } from './admin/update-partner.use-case';
import { OcpiAuthGuard } from './auth/ocpi-auth.guard';
import { OcpiClient } from './client/ocpi.client';
import { CredentialsController } from './credentials/credentials.controller';
import { CredentialsExchange } from './credentials/credentials-exchange';
import { DeleteCredentialsUseCase } from './credentials/use-cases/delete-credentials.use-case';
import { GetCredentialsUseCase } from './credentials/use-cases/get-credentials.use-case';
import { RegisterPartnerUseCase } from './credentials/use-cases/register-partner.use-case';
import { UpdateCredentialsUseCase } from './credentials/use-cases/update-credentials.use-case';
import { OurCredentials } from './credentials/our-credentials';
import { PeerDiscovery } from './credentials/peer-discovery';
import { VersionsController } from './versions/versions.controller';
import { OCPI_PARTY_OPTIONS, type OcpiPartyOptions } from './party/ocpi-party.options';
import { PartnerDirectory } from './partners/partner-directory';
import { PartnerRepository } from './partners/partner.repository';
import { OcpiExceptionFilter } from './transport/ocpi-exception.filter';
import { OcpiResponseInterceptor } from './transport/ocpi-response.interceptor';
import { installOcpiRouteHooks } from './transport/ocpi-route-hooks';

export interface OcpiCoreAsyncOptions {
  imports?: ModuleMetadata['imports'];
  inject?: FactoryProvider['inject'];
  useFactory: (...args: never[]) => Omit<OcpiPartyOptions, 'basePath'>;
}

/**
 * Versions + credentials controllers bound to `basePath`: subclasses with the prefix in their own
 * `@Controller` path (instead of a RouterModule prefix), so that two parties with different base
 * paths can live in one process and the OpenAPI generator, which scans without instantiating
 * modules, sees the real paths.
 */
export function ocpiPartyControllers(basePath: string): Type<unknown>[] {
  const prefix = basePath.replace(/^\/+|\/+$/g, '');
  @Controller(prefix)
  class PrefixedVersionsController extends VersionsController {}
  @Controller(`${prefix}/2.2.1/credentials`)
  class PrefixedCredentialsController extends CredentialsController {}
  // stable names: OpenAPI operation ids are `<ControllerName>_<method>`
  Object.defineProperty(PrefixedVersionsController, 'name', { value: VersionsController.name });
  Object.defineProperty(PrefixedCredentialsController, 'name', {
    value: CredentialsController.name,
  });
  return [PrefixedVersionsController, PrefixedCredentialsController];
}

/** The operator API `/admin/v1/partners` (no prefix). */
@Module({ controllers: [PartnersController] })
export class OcpiAdminModule {}

const SHARED: Provider[] = [
  PartnerRepository,
  PartnerDirectory,
  OcpiClient,
  PeerDiscovery,
  OurCredentials,
  CredentialsExchange,
  GetCredentialsUseCase,
  RegisterPartnerUseCase,
  UpdateCredentialsUseCase,
  DeleteCredentialsUseCase,
  CreatePartnerUseCase,
  QueryPartnersUseCase,
  UpdatePartnerUseCase,
  IssueTokenAUseCase,
  RegisterWithPartnerUseCase,
  UnregisterPartnerUseCase,
  PartnerAdminFilter,
  OcpiAuthGuard,
  OcpiExceptionFilter,
  OcpiResponseInterceptor,
];

/**
 * OCPI 2.2.1 party plumbing for ocpi-cpo / ocpi-emsp: partner registry, versions and credentials
 * endpoints, Token authentication, envelope, outbound client and the partner operator API. Global:
 * module controllers use `@OcpiFunctionalEndpoint(...)`, `PartnerDirectory` and `OcpiClient`.
 * Needs the platform's `DataSource` and `ProblemDetailsFilter` (platformModules).
 */
@Module({})
export class OcpiCoreModule implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(OCPI_PARTY_OPTIONS) private readonly party: OcpiPartyOptions,
  ) {}

  static forRoot(options: OcpiPartyOptions): DynamicModule {
    return OcpiCoreModule.build(
      { provide: OCPI_PARTY_OPTIONS, useValue: options },
      options.basePath,
    );
  }

  /** The base path must be known when routes are built, hence it is a separate argument. */
  static forRootAsync(basePath: string, options: OcpiCoreAsyncOptions): DynamicModule {
    return OcpiCoreModule.build(
      {
        provide: OCPI_PARTY_OPTIONS,
        inject: options.inject ?? [],
        useFactory: (...args: never[]) => ({ ...options.useFactory(...args), basePath }),
      },
      basePath,
      options.imports,
    );
  }

  private static build(
    optionsProvider: Provider,
    basePath: string,
    imports: ModuleMetadata['imports'] = [],
  ): DynamicModule {
    return {
      module: OcpiCoreModule,
      global: true,
      imports: [...imports, OcpiAdminModule],
      controllers: ocpiPartyControllers(basePath),
      providers: [optionsProvider, ...SHARED],
      exports: [OCPI_PARTY_OPTIONS, ...SHARED],
    };
  }

  onModuleInit(): void {
    const instance = this.adapterHost.httpAdapter?.getInstance() as
      { use(...handlers: unknown[]): unknown } | undefined;
    if (instance?.use) installOcpiRouteHooks(instance, this.party);
  }
}
