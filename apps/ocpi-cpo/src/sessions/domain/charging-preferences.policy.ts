import { isFinal, type SessionJson } from './session-sync';

/** The OCPI `ChargingPreferencesResponse` values this policy answers. */
export type ChargingPreferencesAnswer = 'ACCEPTED' | 'NOT_POSSIBLE';

export interface ChargingPreferencesInput {
  profile_type: string;
  departure_time?: string | null;
  energy_need?: number | null;
  discharge_allowed?: boolean | null;
}

/**
 * Our answer to a driver's charging preferences (ADR 0065). We store them for the session and
 * accept them while the session can still be influenced; we do not discharge:
 * - the session is final (COMPLETED / INVALID) → NOT_POSSIBLE;
 * - `departure_time` not after `now` → NOT_POSSIBLE (nothing left to plan);
 * - `discharge_allowed: true` is accepted (it allows, it does not require: we just never discharge);
 * - otherwise ACCEPTED. Every ProfileType is accepted: without smart charging every profile is
 *   served as REGULAR, which is what the tariffs of the session price.
 */
export function decideChargingPreferences(
  session: Pick<SessionJson, 'status'>,
  preferences: ChargingPreferencesInput,
  now: Date,
): ChargingPreferencesAnswer {
  if (isFinal(session)) return 'NOT_POSSIBLE';
  if (preferences.departure_time && Date.parse(preferences.departure_time) <= now.getTime()) {
    return 'NOT_POSSIBLE';
  }
  return 'ACCEPTED';
}
