// OCPI 2.2.1 Tariffs module objects (mod_tariffs.asciidoc).
export * from './tariff-enums';
export * from './price-component.dto';
export * from './tariff-restrictions.dto';
export * from './tariff-element.dto';
export * from './tariff.dto';
