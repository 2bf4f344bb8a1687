export * from './db.ts';
export * from './logger.ts';
export * from './errors.ts';
export * from './scalars.ts';
export * from './isoWeek.ts';
export * from './trust.ts';
export * from './server.ts';
export * from './pgliteTemplate.ts';
