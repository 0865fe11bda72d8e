/** A valid EAN-13 for generated items: a 2-digit in-store prefix, the id, and the check digit. */
export function ean13(prefix: string, id: number): string {
  const body = `${prefix}${String(id).padStart(12 - prefix.length, '0')}`;
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(body[i]) * (i % 2 === 0 ? 1 : 3);
  return body + String((10 - (sum % 10)) % 10);
}
