/** Written into every session log header. Keep in step with package.json. */
export const TROUPE_VERSION = '0.1.0';
