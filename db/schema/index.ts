export * from './reference';
export * from './usage';
export * from './workspaces';
