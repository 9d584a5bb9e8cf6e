/**
 * Reading a choice option as the task pane and the CLI pass it: absent or
 * empty means the default; a value outside the choices is null, for the
 * template to name as a blocking problem ("unknown period …").
 */

/** The option's value when it is one of `allowed`, `fallback` when absent, null when it is something else. */
export function choiceOf<T extends string>(value: unknown, allowed: readonly T[], fallback: T): T | null {
  if (value === undefined || value === null || value === "") return fallback;
  return allowed.includes(value as T) ? (value as T) : null;
}
