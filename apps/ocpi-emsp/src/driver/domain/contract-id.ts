/**
 * eMA / contract ids of our driver tokens (ADR 0072): `{CC}-{PID}-C{8 digits}-{check}`, e.g.
 * `NL-VLT-C00000042-7`. The shape is the eMI3 / ISO 15118 eMAID (country, provider, `C` + instance,
 * check character); the check character is ISO 7064 MOD 37,36 over the alphanumerics (a deviation
 * from eMI3's own matrix check digit, recorded in the ADR). The instance is a database sequence.
 */
const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** ISO 7064 MOD 37,36 (hybrid system) check character of an alphanumeric string. */
export function mod3736CheckCharacter(input: string): string {
  const m = 36;
  let p = m;
  for (const ch of input.toUpperCase()) {
    const value = ALPHABET.indexOf(ch);
    if (value < 0) throw new Error(`not alphanumeric: ${ch}`);
    let s = (p + value) % m;
    if (s === 0) s = m;
    p = (s * 2) % (m + 1);
  }
  return ALPHABET[(m + 1 - p) % m];
}

/** True when the check character over all characters (check included) verifies. */
export function isValidMod3736(withCheck: string): boolean {
  const body = withCheck.slice(0, -1);
  return withCheck.length > 1 && mod3736CheckCharacter(body) === withCheck.slice(-1).toUpperCase();
}

export function contractIdFor(
  party: { countryCode: string; partyId: string },
  instance: number,
): string {
  if (!Number.isInteger(instance) || instance < 0 || instance > 99_999_999) {
    throw new Error(`contract instance out of range: ${instance}`);
  }
  const digits = String(instance).padStart(8, '0');
  const body = `${party.countryCode}${party.partyId}C${digits}`;
  return `${party.countryCode}-${party.partyId}-C${digits}-${mod3736CheckCharacter(body)}`;
}
