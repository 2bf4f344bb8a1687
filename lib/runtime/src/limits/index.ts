export * from './operationMeasure.ts';
export * from './operationLimits.ts';
export * from './limitsPlugin.ts';
export * from './deadline.ts';
export * from './serviceLimits.ts';
