// OCPI 2.2.1 versions module (version_information_endpoint.asciidoc).
export * from './versions.enums';
export * from './version.dto';
