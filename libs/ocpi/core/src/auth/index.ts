export * from './ocpi-route.metadata';
export * from './ocpi-caller';
export * from './ocpi-auth.guard';
export * from './ocpi.decorators';
export * from './token.generator';
