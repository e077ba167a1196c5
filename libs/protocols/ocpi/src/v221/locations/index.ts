// OCPI 2.2.1 Locations module objects (mod_locations.asciidoc).
export * from './location.enums';
export * from './geo-location.dto';
export * from './hours.dto';
export * from './publish-token-type.dto';
export * from './status-schedule.dto';
export * from './location.dto';
export * from './location-patch.dto';
