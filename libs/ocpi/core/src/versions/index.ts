export * from './versions.controller';
