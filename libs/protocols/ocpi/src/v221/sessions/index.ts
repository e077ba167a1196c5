export * from './session.enums';
export * from './session.dto';
