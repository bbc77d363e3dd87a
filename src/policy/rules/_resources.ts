/** Whether a resource quantity is missing, empty or zero (`0`, `0m`, `0Mi`, `0.0`). */
export function quantityMissing(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === 'number') return value <= 0;
  if (typeof value !== 'string') return true;
  const trimmed = value.trim();
  return trimmed === '' || /^[+]?0*(\.0*)?[a-zA-Z]*$/.test(trimmed);
}
