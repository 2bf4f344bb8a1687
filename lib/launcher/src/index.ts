export * from './serviceProcess.ts';
export * from './ports.ts';
export * from './launchCluster.ts';
export * from './bundle.ts';
export * from './supervisor.ts';
