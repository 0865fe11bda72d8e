/**
 * A last line of defence for the log file. The app never logs secrets on purpose (the store
 * client masks them in its errors); this pass blanks the obvious shapes anyway, should one slip
 * into a message: WooCommerce keys (ck_…, cs_…), Authorization headers, and secret-looking query
 * parameters or JSON fields.
 */
const PATTERNS: ReadonlyArray<[RegExp, string]> = [
  [/\b(ck|cs)_[A-Za-z0-9]{6,}/g, '$1_[redacted]'],
  [/\b(authorization["']?\s*[:=]\s*["']?(?:basic|bearer)\s+)[A-Za-z0-9+/=._~-]+/gi, '$1[redacted]'],
  [/\b(basic|bearer)\s+[A-Za-z0-9+/=._~-]{16,}/gi, '$1 [redacted]'],
  [/([?&](?:consumer_key|consumer_secret|oauth_signature|password|token)=)[^&\s"']+/gi, '$1[redacted]'],
  [/("(?:consumerKey|consumerSecret|password|token|secret)"\s*:\s*")[^"]*"/gi, '$1[redacted]"'],
];

export function redact(line: string): string {
  let out = line;
  for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
  return out;
}
