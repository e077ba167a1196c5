// OCPI 2.2.1 credentials module (credentials.asciidoc).
export * from './credentials.dto';
