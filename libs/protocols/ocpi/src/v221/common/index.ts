// OCPI 2.2.1 types shared by several modules (types.asciidoc): Price, DisplayText, EnergyMix,
// field validators and the validation entry point.
export * from './ocpi-validators';
export * from './price.dto';
export * from './display-text.dto';
export * from './energy-mix.dto';
export * from './validate-ocpi';
export * from './business-details.dto';
export * from './ocpi-fields';
export * from './ocpi-patch';
export * from './validate-ocpi-list';
