export const OWNER = { email: 'owner@frontier.test', password: 'e2e-password-123', name: 'Olivia Owner' };
export const STORAGE = 'e2e/.auth/owner.json';
