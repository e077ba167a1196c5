/**
 * What an OCPI handler may return instead of plain data: a status other than 1000, an HTTP status,
 * extra headers (paging). Plain values are wrapped as `{data, status_code: 1000}`.
 */
export class OcpiResult<T = unknown> {
  constructor(
    readonly data: T | undefined,
    readonly options: {
      httpStatus?: number;
      ocpiStatus?: number;
      message?: string;
      headers?: Record<string, string | undefined>;
    } = {},
  ) {}
}
