export * from './peer-discovery';
export * from './our-credentials';
export * from './credentials-exchange';
export * from './use-cases/get-credentials.use-case';
export * from './use-cases/register-partner.use-case';
export * from './use-cases/update-credentials.use-case';
export * from './use-cases/delete-credentials.use-case';
export * from './credentials.controller';
