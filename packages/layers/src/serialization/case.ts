/** Key conversion between Keras config dicts (snake_case) and TypeScript options (camelCase). */
export function snakeToCamel(key: string): string {
  return key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}
export function camelToSnake(key: string): string {
  return key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/([A-Z])([A-Z][a-z])/g, '$1_$2').toLowerCase();
}
/** Converts the top-level keys of a config to camelCase (values, e.g. nested configs, stay as they are). */
export function camelizeKeys(config: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(config)) out[snakeToCamel(k)] = v;
  return out;
}
