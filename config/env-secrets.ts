/**
 * Secrets come from the environment. Outside production we fall back to fixed development
 * values so that the quick start works on a fresh clone without a .env file; in production a
 * missing secret stops the server instead of silently using a known value.
 */
export const secret = (env: (name: string, fallback?: string) => string, name: string): string => {
  const value = env(name, '');
  if (value) return value;
  if (process.env.NODE_ENV === 'production') {
    throw new Error(`Missing required environment variable ${name} (see .env.example)`);
  }
  return `dev-only-${name.toLowerCase()}`;
};

export const secretList = (env: { array: (name: string, fallback?: string[]) => string[] } & ((name: string, fallback?: string) => string), name: string): string[] => {
  const values = env.array(name, []);
  if (values.length > 0 && values[0] !== '') return values;
  if (process.env.NODE_ENV === 'production') {
    throw new Error(`Missing required environment variable ${name} (see .env.example)`);
  }
  return [`dev-only-${name.toLowerCase()}-1`, `dev-only-${name.toLowerCase()}-2`];
};
