export * from './session.enums';
export * from './session.dto';
export * from './charging-preferences.dto';
export * from './session-patch.dto';
