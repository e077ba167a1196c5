import { AllowedType } from '@voltlane/protocols-ocpi';
import type { OcpiTokenJson } from './emsp-token';

/**
 * Real-time authorization of one of our tokens (mod_tokens, POST Method): a valid token is
 * ALLOWED, an invalid (blocked) one BLOCKED. We do not decide on opening hours or EVSE status
 * (Real-time authorization NOTEs); the location references are only echoed and recorded.
 */
export function authorizationDecision(token: OcpiTokenJson): AllowedType {
  return token.valid ? AllowedType.ALLOWED : AllowedType.BLOCKED;
}
