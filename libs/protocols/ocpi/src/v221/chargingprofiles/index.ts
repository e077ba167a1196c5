// OCPI 2.2.1 ChargingProfiles module objects (mod_charging_profiles.asciidoc).
export * from './charging-profile.enums';
export * from './charging-profile.dto';
