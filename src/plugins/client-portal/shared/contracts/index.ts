export * from './collaboration';
export * from './people';
export * from './plugin';
export * from './roles';
export * from './time';
export * from './money';
export * from './openapi';
export * from './staff';
