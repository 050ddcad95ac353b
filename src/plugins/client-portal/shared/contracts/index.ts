export * from './roles';
export * from './plugin';
