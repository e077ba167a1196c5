// OCPI 2.2.1 Commands module objects (mod_commands.asciidoc).
export * from './command.enums';
export * from './command.dto';
