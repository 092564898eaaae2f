export const profilesKey = (workspace: string) => ['tokens:profiles', workspace] as const;
