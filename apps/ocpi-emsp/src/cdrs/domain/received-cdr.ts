import { canonicalJson } from '../../shared/domain/canonical-json';

/** The parts of an OCPI CDR this module reasons about; the rest is carried as is. */
export interface CdrJson {
  country_code: string;
  party_id: string;
  id: string;
  session_id?: string | null;
  cdr_token: { uid: string; [field: string]: unknown };
  currency: string;
  total_cost: { excl_vat: number; incl_vat?: number | null };
  total_energy: number;
  start_date_time: string;
  end_date_time: string;
  credit?: boolean | null;
  last_updated: string;
  [field: string]: unknown;
}

/**
 * A CDR is final and immutable (mod_cdrs, Flow and Lifecycle): the same CDR POSTed again by the
 * same partner is a retry (`duplicate`: success, nothing stored or published again); another body
 * under a stored id is a `conflict` (corrections are credit CDRs with new ids).
 */
export function receiveCdrAgain(stored: CdrJson, incoming: CdrJson): 'duplicate' | 'conflict' {
  return canonicalJson(stored) === canonicalJson(incoming) ? 'duplicate' : 'conflict';
}
