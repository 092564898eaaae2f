export * from './reference';
export * from './usage';
export * from './workspaces';
export * from './analysis';
