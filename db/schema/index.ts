export * from './reference';
export * from './workspaces';
