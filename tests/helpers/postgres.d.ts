export function pgConnection(): { host: string; port: number; user: string; password: string };
export function createDatabase(name: string): Promise<void>;
export function dropDatabase(name: string): Promise<void>;
export function databaseEnv(name: string): Record<string, string>;
