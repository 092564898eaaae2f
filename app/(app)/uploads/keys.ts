export const uploadsKey = (workspace: string) => ['uploads:list', workspace] as const;
