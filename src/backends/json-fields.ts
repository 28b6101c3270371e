/**
 * Defensive readers for parsed JSON. The CLIs add and change fields every release,
 * so every access checks the type and falls back to undefined instead of throwing.
 */

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function objectField(source: unknown, key: string): JsonObject | undefined {
  if (!isObject(source)) return undefined;
  const value = source[key];
  return isObject(value) ? value : undefined;
}

export function stringField(source: unknown, key: string): string | undefined {
  if (!isObject(source)) return undefined;
  const value = source[key];
  return typeof value === 'string' ? value : undefined;
}

export function numberField(source: unknown, key: string): number | undefined {
  if (!isObject(source)) return undefined;
  const value = source[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

export function arrayField(source: unknown, key: string): unknown[] | undefined {
  if (!isObject(source)) return undefined;
  const value = source[key];
  return Array.isArray(value) ? value : undefined;
}

/** Strings of an array field, skipping anything else. */
export function stringsField(source: unknown, key: string): string[] | undefined {
  const values = arrayField(source, key)?.filter((v): v is string => typeof v === 'string');
  return values && values.length > 0 ? values : undefined;
}

/** Drops keys whose value is undefined, so chunks carry only what the CLI said. */
export function compact<T extends object>(value: T): T {
  for (const key of Object.keys(value) as (keyof T)[]) {
    if (value[key] === undefined) delete value[key];
  }
  return value;
}
