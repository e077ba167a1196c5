import type { StoredCdr } from '../persistence/cdr.repository';

/** A CDR in the operator API: routing facts beside the OCPI 2.2.1 CDR object. */
export interface CdrView {
  id: string;
  sessionId: string;
  kind: StoredCdr['kind'];
  /** Id of the credit CDR that cancelled this one, if any. */
  creditedBy: string | null;
  emspCountryCode: string;
  emspPartyId: string;
  tariffIds: string[];
  createdAt: string;
  cdr: StoredCdr['cdr'];
}

export const toCdrView = (c: StoredCdr): CdrView => ({
  id: c.cdrId,
  sessionId: c.sessionId,
  kind: c.kind,
  creditedBy: c.creditedBy,
  emspCountryCode: c.emspCountryCode,
  emspPartyId: c.emspPartyId,
  tariffIds: c.tariffIds,
  createdAt: c.createdAt,
  cdr: c.cdr,
});
