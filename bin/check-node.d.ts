/** True when `version` (e.g. v22.19.0) is at least `min` (default: package.json's engines minimum). */
export function satisfiesMinimum(version: string, min?: string): boolean;
