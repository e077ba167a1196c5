import { ConflictError, NotFoundError, ValidationFailedError } from '@voltlane/platform-core';

export class InvoiceNotFoundError extends NotFoundError {
  override readonly code = 'INVOICE.NOT_FOUND';
}

/** A received CDR that cannot be invoiced (no token party, credit without reference, …). */
export class InvoiceInputError extends ValidationFailedError {
  override readonly code = 'INVOICE.INVALID_CDR';
}

/** Two eMSP parties (other countries, same party id) hold this number: name the country. */
export class InvoiceNumberAmbiguousError extends ConflictError {
  override readonly code = 'INVOICE.NUMBER_AMBIGUOUS';
}
