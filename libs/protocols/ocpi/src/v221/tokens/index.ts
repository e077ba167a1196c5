// OCPI 2.2.1 Tokens module objects (mod_tokens.asciidoc).
export * from './token.enums';
export * from './token.dto';
